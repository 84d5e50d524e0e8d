"""Logging that no call site can forge: one event is one line.

Configured in settings.LOGGING before the apps load, so this module imports no models.
"""

import logging
import re

_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class EenRegelFormatter(logging.Formatter):
    """Formats a log record as exactly one line: control characters in every field are escaped.

    A username with a newline and a made-up log line after it is written as ``\\n`` and the text,
    on the same line, so no call site can forge an event. Backslashes are escaped as well, so an
    escaped newline and a typed ``\\n`` stay distinguishable. A traceback (exc_info) is kept on
    the same line in escaped form too.
    """

    def format(self, record: logging.LogRecord) -> str:
        return escape_stuurtekens(super().format(record))


def escape_stuurtekens(tekst: str) -> str:
    """Backslash and C0/C1 control characters (and Unicode line separators) as escapes."""
    tekst = tekst.replace("\\", "\\\\")
    return _STUURTEKENS.sub(_stuurteken, tekst)


def _stuurteken(match: re.Match) -> str:
    teken = match.group()
    if teken in _BEKENDE_ESCAPES:
        return _BEKENDE_ESCAPES[teken]
    return f"\\x{ord(teken):02x}" if ord(teken) < 0x100 else f"\\u{ord(teken):04x}"


_BEKENDE_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
