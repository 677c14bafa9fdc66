"""Logging filters."""

import logging


class RefusalsOnOneLine(logging.Filter):
    """A refused request (403, 404…) is expected: log its one line, without the traceback
    Django attaches to it. Server errors (500) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
