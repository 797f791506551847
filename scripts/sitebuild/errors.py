"""The one exception type of the build: BuildError. Its message is one line saying what failed and what to
do; the build driver (sitebuild.build) prints it as it is, never a traceback."""

from __future__ import annotations


class BuildError(Exception):
    """A build step failed; str() is one line: what failed and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split("\n")))
