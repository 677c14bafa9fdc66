"""What stored text may hold: the one rule, on the model fields.

``single_line`` guards titles, names, places: what ends up in a page heading, an email subject, a
calendar's SUMMARY or a CSV cell. It refuses line breaks (including U+2028/U+2029 and U+0085),
tabs and every other control character, the invisible characters that reorder text on screen
(bidi embeddings, overrides and isolates) and lone surrogates. Joiners and direction marks stay
allowed: Persian, Indic scripts and emoji need them.

``storable_text`` guards multi-line text: line breaks and tabs are fine, but NUL (which
PostgreSQL cannot store) and lone surrogates are not.

Model forms (and so the admin) get the validators from the fields; ``check_text_fields`` runs
them before every save, so services, imports and the shell get them too (see
``loti_data.apps``). Plain forms add the same validators to their fields.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Format characters that change how the text around them is laid out: "Trojan source" spoofing.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Format characters that have no business in a name: BOM/zero width no-break space, and the
# interlinear annotation marks.
OTHER_FORMAT_CONTROLS = frozenset("\ufeff\ufff9\ufffa\ufffb")
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _describe(char: str) -> str:
    if char in LINE_BREAKS:
        return "a line break"
    if char == "\t":
        return "a tab"
    if char == "\x00":
        return "a NUL character (U+0000)"
    return f"an invisible control character (U+{ord(char):04X})"


def _not_in_a_line(char: str) -> bool:
    category = unicodedata.category(char)
    return (
        category in ("Cc", "Cs", "Zl", "Zp")
        or char in BIDI_CONTROLS
        or char in OTHER_FORMAT_CONTROLS
    )


def _not_storable(char: str) -> bool:
    return char == "\x00" or unicodedata.category(char) == "Cs"


@deconstructible(path="loti_data.validators.SingleLine")
class SingleLine:
    """One line of visible text."""

    code = "single_line"

    def __call__(self, value) -> None:
        for char in str(value):
            if _not_in_a_line(char):
                raise ValidationError(
                    "Keep this to one line: it cannot hold %(what)s.",
                    code=self.code,
                    params={"what": _describe(char)},
                )

    def __eq__(self, other) -> bool:
        return isinstance(other, SingleLine)

    def __hash__(self) -> int:
        return hash(self.code)


@deconstructible(path="loti_data.validators.StorableText")
class StorableText:
    """Any text a database can keep: line breaks allowed, NUL and lone surrogates not."""

    code = "storable_text"

    def __call__(self, value) -> None:
        for char in str(value):
            if _not_storable(char):
                raise ValidationError(
                    "This text cannot hold %(what)s.",
                    code=self.code,
                    params={"what": _describe(char)},
                )

    def __eq__(self, other) -> bool:
        return isinstance(other, StorableText)

    def __hash__(self) -> int:
        return hash(self.code)


single_line = SingleLine()
storable_text = StorableText()
TEXT_VALIDATORS = (SingleLine, StorableText)


def one_line(text: object) -> str:
    """Any text, including what was stored before these rules, made safe for one line (an email
    header, a file name): what ``single_line`` refuses becomes a space, spaces collapse."""
    return " ".join("".join(" " if _not_in_a_line(char) else char for char in str(text)).split())


def clean_lines(text: object) -> str:
    """Multi-line text, including what was stored before these rules, made safe for a format
    with its own line rules (a calendar's DESCRIPTION): each kind of line break becomes ``\\n``,
    the rest of what ``single_line`` refuses becomes a space."""
    text = str(text).replace("\r\n", "\n")
    return "\n".join(
        "".join(" " if _not_in_a_line(char) else char for char in line).rstrip()
        for line in _split_lines(text)
    )


def _split_lines(text: str) -> list[str]:
    lines, current = [], []
    for char in text:
        if char in LINE_BREAKS:
            lines.append("".join(current))
            current = []
        else:
            current.append(char)
    lines.append("".join(current))
    return lines


def check_text_fields(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Before a save: run the text validators of the instance's fields, so nothing (a service,
    an import, the shell) stores what a form would refuse. Raises ValidationError naming the
    field. Fixtures (``raw``) load as they are; a save of some fields (``update_fields``, as
    the services do for a status change) checks only those, so a row stored before these rules
    can still be cancelled or moved on."""
    if raw:
        return
    errors = {}
    for field in instance._meta.concrete_fields:
        checks = [v for v in field.validators if isinstance(v, TEXT_VALIDATORS)]
        if not checks or (update_fields is not None and field.name not in update_fields):
            continue
        value = getattr(instance, field.attname)
        if not value:
            continue
        for check in checks:
            try:
                check(value)
            except ValidationError as error:
                errors.setdefault(field.name, []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)
