"""Real-browser tests: Playwright for Python driving Debian's /usr/bin/chromium (never `playwright install`)."""
