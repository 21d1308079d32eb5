"""French typography and the small text markup of the demo data.

The data files are written with ordinary spaces and straight apostrophes, as an
editor types them; `french()` gives them the typography the site shows: a
typographic apostrophe, and a non-breaking space before « : ; ? ! » and after «.
"""

import html
import re

NBSP = "\u00a0"

_SPACE_BEFORE = re.compile(r"[ \t\u00a0]+([:;?!»])")
_SPACE_AFTER_GUILLEMET = re.compile(r"«[ \t\u00a0]+")
_NUMBER_SIGN = re.compile(r"N°[ \t]+")
_HOURS = re.compile(r"(\d)[ \t]h\b(?:[ \t](\d\d)\b)?")


def french(text: str) -> str:
    """`text` with French typography: ’, and non-breaking spaces around « », before : ; ? !,
    after N° and in hours ("9 h 30").

    Only a space already written becomes non-breaking, so "https://" and "10:30" are kept.
    """
    text = text.replace("'", "’")
    text = _SPACE_BEFORE.sub(NBSP + r"\1", text)
    text = _SPACE_AFTER_GUILLEMET.sub("«" + NBSP, text)
    text = _HOURS.sub(lambda m: f"{m[1]}{NBSP}h" + (f"{NBSP}{m[2]}" if m[2] else ""), text)
    return _NUMBER_SIGN.sub("N°" + NBSP, text)


def paragraphs(text: str) -> list[list[str]]:
    """Blocks of lines separated by blank lines."""
    blocks, current = [], []
    for line in text.strip().splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def rich_text(text: str) -> str:
    """The HTML of a paragraph block: paragraphs separated by blank lines, "- " lines as a list."""
    parts = []
    for lines in paragraphs(text):
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{html.escape(french(line[2:]), quote=False)}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{html.escape(french(' '.join(lines)), quote=False)}</p>")
    return "".join(parts)
