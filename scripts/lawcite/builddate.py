"""The build date: the day the site is built and judged as of, settable for reproducible builds and tests.

What depends on it: which law versions are in force "today" (the appendix's statuses), whether a page
is stale (a version took effect after its `reviewed` date and on or before this day), which changes
are still coming (a version registered with a later effective date), and the date on the PDF's cover.

    SITE_BUILD_DATE=2025-08-01 ./tasks.sh build     # the site as it would have been built that day
    SOURCE_DATE_EPOCH=1764460800 ./tasks.sh build   # the reproducible-builds convention (its day in China)

Without either, today in China (UTC+8).
"""
from __future__ import annotations

import datetime as dt
import os

ENV = "SITE_BUILD_DATE"
EPOCH_ENV = "SOURCE_DATE_EPOCH"
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


class BuildDateError(ValueError):
    """SITE_BUILD_DATE or SOURCE_DATE_EPOCH holds something that is not a date."""


def build_date() -> dt.date:
    """SITE_BUILD_DATE (YYYY-MM-DD), else SOURCE_DATE_EPOCH's day in China, else today in China."""
    value = os.environ.get(ENV, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise BuildDateError(
                f"{ENV}={value!r} is not a date: write YYYY-MM-DD (e.g. {ENV}=2025-08-01), or unset it for today"
            ) from None
    epoch = os.environ.get(EPOCH_ENV, "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), CHINA_TIME).date()
        except (ValueError, OverflowError, OSError):
            raise BuildDateError(
                f"{EPOCH_ENV}={epoch!r} is not a Unix time in seconds: correct it, or unset it for today"
            ) from None
    return dt.datetime.now(CHINA_TIME).date()
