"""Cleaning what people type and what we index: the one place that decides what a word is."""

import re
import unicodedata

# Long enough for any real search; a pasted essay is cut here rather than refused.
MAX_QUERY = 200
MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)
# Words shorter than this are never "corrected" (too many near neighbours).
MIN_CORRECTABLE = 4


def clean_query(raw: str) -> str:
    """Printable text only (no NULs or control characters), spaces squeezed, length capped."""
    text = "".join(
        " " if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in raw or ""
    )
    text = " ".join(text.split())
    return text[:MAX_QUERY].strip()


def words(text: str) -> list[str]:
    """The query's words, lower-cased, in order, without repeats, at most ``MAX_WORDS``."""
    seen: list[str] = []
    for word in WORD.findall(text.lower()):
        word = word.strip("_")
        if word and word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


def vocabulary(*texts: str) -> set[str]:
    """Words worth correcting a typo towards: letters only, 4 to 60 characters."""
    found = set()
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            if word.isalpha() and MIN_CORRECTABLE <= len(word) <= 60:
                found.add(word)
    return found


def safe_text(text: str) -> str:
    """Indexed text without NULs (PostgreSQL refuses them) or other control characters."""
    return "".join(
        ch if ch in "\n\t" or unicodedata.category(ch) != "Cc" else " " for ch in text or ""
    )
