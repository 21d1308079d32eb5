"""Images, PDF files and ZIP archives for the demo site, made here and never downloaded.

Illustrations are flat drawings in the OCCE colours (shapes, a motif, a title band);
PDF files are written by hand (PDF 1.4, Helvetica, a few kilobytes); archives with
`zipfile`. Everything depends only on its arguments.
"""

import io
import re
import textwrap
import unicodedata
import zipfile
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from devtools.demo.text import paragraphs

BLUE = "#00528c"
RED = "#e4003a"
YELLOW = "#ffc845"
GREEN = "#3aaa35"
ORANGE = "#f39200"
SKY = "#7fb8e0"
INK = "#1d2b3a"
WHITE = "#ffffff"
SKIN = ["#f2c9a0", "#c68c5c", "#8d5a3b", "#f6d7b8"]
PALETTE = [BLUE, RED, YELLOW, GREEN, ORANGE, SKY]
BACKGROUNDS = ["#eaf2f9", "#fdeef1", "#fff6de", "#ecf6ea", "#fef1e0", "#eef6fc"]

# Bold and regular faces with the accents of French; Pillow looks them up in the
# system's font folders. Without any, the text is drawn without accents.
FONT_FILES = {
    True: ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"],
    False: ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"],
}


@cache
def _font(size: int, bold: bool):
    for name in FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def _draw_text(draw, position, text, size, fill, bold=True, anchor="la"):
    font, has_accents = _font(size, bold)
    if not has_accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    draw.text(position, text, font=font, fill=fill, anchor=anchor)


def _text_width(text, size, bold=True):
    font, _ = _font(size, bold)
    return font.getlength(text)


def _wrap(text, size, max_width, bold=True):
    """Lines of `text` no wider than `max_width` pixels."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and _text_width(candidate, size, bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _tint(colour, amount):
    """`colour` mixed with white: 0 keeps it, 1 gives white."""
    return tuple(round(c + (255 - c) * amount) for c in _rgb(colour))


# --- motifs: each draws in the box (left, top, size) ----------------------------------------


def _person(draw, x, y, s, shirt, skin):
    """A child seen from the front, `s` tall, feet at y + s."""
    head = s * 0.28
    draw.ellipse([x - head / 2, y, x + head / 2, y + head], fill=skin)
    draw.rounded_rectangle([x - s * 0.22, y + head * 1.08, x + s * 0.22, y + s], radius=s * 0.12, fill=shirt)


def _people(draw, x, y, s, colours):
    table_top = y + s * 0.62
    for i, offset in enumerate([-0.36, -0.12, 0.12, 0.36]):
        _person(draw, x + s * 0.5 + s * offset, y + s * 0.18, s * 0.55, colours[i % 4], SKIN[i % 4])
    draw.rounded_rectangle([x, table_top, x + s, table_top + s * 0.12], radius=s * 0.05, fill=INK)
    draw.rectangle([x + s * 0.38, table_top + s * 0.02, x + s * 0.62, table_top + s * 0.08], fill=YELLOW)


def _bubble(draw, box, colour, tail_left=True, lines=3):
    left, top, right, bottom = box
    draw.rounded_rectangle(box, radius=(bottom - top) * 0.25, fill=colour)
    tail_x = left + (right - left) * (0.25 if tail_left else 0.75)
    draw.polygon([(tail_x - 12, bottom - 2), (tail_x + 12, bottom - 2), (tail_x, bottom + 22)], fill=colour)
    step = (bottom - top) / (lines + 1)
    for i in range(1, lines + 1):
        width = (right - left) * (0.7 if i < lines else 0.45)
        line_y = top + step * i
        draw.rounded_rectangle(
            [left + (right - left) * 0.12, line_y - 4, left + (right - left) * 0.12 + width, line_y + 4],
            radius=4,
            fill=WHITE,
        )


def _bubbles(draw, x, y, s, colours):
    _bubble(draw, [x, y, x + s * 0.62, y + s * 0.34], colours[0])
    _bubble(draw, [x + s * 0.38, y + s * 0.44, x + s, y + s * 0.74], colours[1], tail_left=False, lines=2)
    _person(draw, x + s * 0.18, y + s * 0.62, s * 0.38, colours[2], SKIN[1])
    _person(draw, x + s * 0.86, y + s * 0.84, s * 0.16, colours[3], SKIN[0])


def _ballot(draw, x, y, s, colours):
    draw.rectangle([x + s * 0.38, y + s * 0.06, x + s * 0.68, y + s * 0.46], fill=WHITE, outline=INK, width=4)
    draw.line(
        [(x + s * 0.45, y + s * 0.26), (x + s * 0.52, y + s * 0.34), (x + s * 0.62, y + s * 0.16)],
        fill=GREEN,
        width=8,
    )
    draw.rounded_rectangle([x + s * 0.15, y + s * 0.4, x + s * 0.9, y + s * 0.95], radius=18, fill=colours[0])
    draw.rectangle([x + s * 0.3, y + s * 0.4, x + s * 0.75, y + s * 0.46], fill=INK)
    _draw_text(draw, (x + s * 0.525, y + s * 0.68), "VOTE", int(s * 0.12), WHITE, anchor="mm")


def _heart(draw, x, y, s, colours):
    r = s * 0.22
    cx, cy = x + s * 0.5, y + s * 0.42
    draw.ellipse([cx - 2 * r, cy - r, cx, cy + r], fill=colours[1])
    draw.ellipse([cx, cy - r, cx + 2 * r, cy + r], fill=colours[1])
    draw.polygon(
        [(cx - 2 * r + 3, cy + r * 0.25), (cx + 2 * r - 3, cy + r * 0.25), (cx, cy + r * 2.3)],
        fill=colours[1],
    )
    for dx, dy, size in [(-0.42, -0.3, 0.06), (0.4, -0.34, 0.045), (0.44, 0.3, 0.05)]:
        px, py, ps = cx + s * dx, cy + s * dy, s * size
        draw.polygon([(px, py - ps), (px + ps / 3, py), (px, py + ps), (px - ps / 3, py)], fill=YELLOW)
        draw.polygon([(px - ps, py), (px, py - ps / 3), (px + ps, py), (px, py + ps / 3)], fill=YELLOW)


def _notes(draw, x, y, s, colours):
    for i, (dx, dy) in enumerate([(0.2, 0.55), (0.5, 0.4), (0.78, 0.6)]):
        nx, ny = x + s * dx, y + s * dy
        colour = colours[i % len(colours)]
        draw.ellipse([nx - s * 0.09, ny, nx + s * 0.05, ny + s * 0.1], fill=colour)
        draw.rectangle([nx + s * 0.025, ny - s * 0.32, nx + s * 0.05, ny + s * 0.05], fill=colour)
        draw.polygon(
            [(nx + s * 0.05, ny - s * 0.32), (nx + s * 0.16, ny - s * 0.24), (nx + s * 0.05, ny - s * 0.2)],
            fill=colour,
        )
    draw.arc([x + s * 0.05, y + s * 0.72, x + s * 0.95, y + s * 1.1], 200, 340, fill=INK, width=6)


def _newspaper(draw, x, y, s, colours):
    draw.rounded_rectangle([x + s * 0.12, y + s * 0.05, x + s * 0.92, y + s * 0.95], radius=12, fill=WHITE)
    draw.rectangle([x + s * 0.2, y + s * 0.12, x + s * 0.84, y + s * 0.24], fill=colours[0])
    draw.rectangle([x + s * 0.2, y + s * 0.3, x + s * 0.48, y + s * 0.56], fill=colours[1])
    for i in range(4):
        line_y = y + s * (0.32 + i * 0.07)
        draw.rectangle([x + s * 0.53, line_y, x + s * 0.84, line_y + s * 0.025], fill="#b7c4d1")
    for i in range(4):
        line_y = y + s * (0.64 + i * 0.07)
        draw.rectangle(
            [x + s * 0.2, line_y, x + s * (0.84 - 0.1 * (i == 3)), line_y + s * 0.025], fill="#b7c4d1"
        )


def _plant(draw, x, y, s, colours):
    draw.ellipse([x + s * 0.68, y, x + s * 0.92, y + s * 0.24], fill=YELLOW)
    draw.rectangle([x + s * 0.47, y + s * 0.3, x + s * 0.51, y + s * 0.7], fill=GREEN)
    draw.ellipse([x + s * 0.22, y + s * 0.3, x + s * 0.49, y + s * 0.44], fill=GREEN)
    draw.ellipse([x + s * 0.49, y + s * 0.4, x + s * 0.76, y + s * 0.54], fill="#5cc152")
    draw.ellipse([x + s * 0.4, y + s * 0.16, x + s * 0.58, y + s * 0.32], fill=colours[1])
    draw.polygon(
        [
            (x + s * 0.28, y + s * 0.68),
            (x + s * 0.7, y + s * 0.68),
            (x + s * 0.64, y + s),
            (x + s * 0.34, y + s),
        ],
        fill=colours[4 % len(colours)],
    )


def _coins(draw, x, y, s, colours):
    for dx, height in [(0.12, 3), (0.42, 5), (0.72, 7)]:
        for i in range(height):
            top = y + s * (0.9 - i * 0.08)
            draw.ellipse(
                [x + s * dx, top, x + s * (dx + 0.22), top + s * 0.1], fill=YELLOW, outline=ORANGE, width=3
            )
    draw.line(
        [(x + s * 0.08, y + s * 0.45), (x + s * 0.5, y + s * 0.2), (x + s * 0.86, y + s * 0.06)],
        fill=colours[0],
        width=10,
    )
    draw.polygon(
        [(x + s * 0.92, y), (x + s * 0.8, y + s * 0.02), (x + s * 0.88, y + s * 0.12)], fill=colours[0]
    )


def _screen(draw, x, y, s, colours):
    draw.rounded_rectangle([x + s * 0.06, y + s * 0.1, x + s * 0.94, y + s * 0.7], radius=14, fill=INK)
    draw.rectangle([x + s * 0.11, y + s * 0.15, x + s * 0.89, y + s * 0.65], fill=colours[0])
    draw.polygon(
        [(x + s * 0.44, y + s * 0.28), (x + s * 0.44, y + s * 0.52), (x + s * 0.62, y + s * 0.4)], fill=WHITE
    )
    draw.polygon(
        [
            (x, y + s * 0.82),
            (x + s, y + s * 0.82),
            (x + s * 0.94, y + s * 0.72),
            (x + s * 0.06, y + s * 0.72),
        ],
        fill="#3d4f63",
    )
    for i, colour in enumerate(colours[1:4]):
        _person(draw, x + s * (0.2 + i * 0.3), y + s * 0.84, s * 0.16, colour, SKIN[i])


def _calendar(draw, x, y, s, colours):
    draw.rounded_rectangle([x + s * 0.1, y + s * 0.1, x + s * 0.9, y + s * 0.95], radius=16, fill=WHITE)
    draw.rounded_rectangle([x + s * 0.1, y + s * 0.1, x + s * 0.9, y + s * 0.3], radius=16, fill=colours[1])
    draw.rectangle([x + s * 0.1, y + s * 0.22, x + s * 0.9, y + s * 0.3], fill=colours[1])
    for row in range(4):
        for column in range(5):
            cx, cy = x + s * (0.2 + column * 0.15), y + s * (0.4 + row * 0.14)
            fill = colours[0] if (row, column) == (1, 3) else "#c9d6e2"
            draw.ellipse([cx - s * 0.04, cy - s * 0.04, cx + s * 0.04, cy + s * 0.04], fill=fill)
    for dx in (0.3, 0.7):
        draw.rounded_rectangle(
            [x + s * (dx - 0.02), y + s * 0.04, x + s * (dx + 0.02), y + s * 0.16], radius=4, fill=INK
        )


def _pin(draw, x, y, s, colours):
    draw.polygon(
        [(x, y + s * 0.75), (x + s * 0.3, y + s * 0.62), (x + s * 0.65, y + s * 0.72), (x + s, y + s * 0.6),
         (x + s, y + s), (x, y + s)],
        fill="#cfe3c9",
    )  # fmt: skip
    draw.line([(x + s * 0.05, y + s * 0.9), (x + s * 0.95, y + s * 0.78)], fill=WHITE, width=8)
    cx, cy, r = x + s * 0.5, y + s * 0.32, s * 0.22
    draw.polygon(
        [(cx - r * 0.9, cy + r * 0.4), (cx + r * 0.9, cy + r * 0.4), (cx, cy + r * 2.6)], fill=colours[1]
    )
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colours[1])
    draw.ellipse([cx - r * 0.4, cy - r * 0.4, cx + r * 0.4, cy + r * 0.4], fill=WHITE)


def _book(draw, x, y, s, colours):
    draw.polygon(
        [
            (x + s * 0.5, y + s * 0.25),
            (x + s * 0.05, y + s * 0.15),
            (x + s * 0.05, y + s * 0.85),
            (x + s * 0.5, y + s * 0.95),
        ],
        fill=colours[0],
    )
    draw.polygon(
        [
            (x + s * 0.5, y + s * 0.25),
            (x + s * 0.95, y + s * 0.15),
            (x + s * 0.95, y + s * 0.85),
            (x + s * 0.5, y + s * 0.95),
        ],
        fill=colours[1],
    )
    draw.polygon(
        [
            (x + s * 0.5, y + s * 0.22),
            (x + s * 0.1, y + s * 0.12),
            (x + s * 0.1, y + s * 0.8),
            (x + s * 0.5, y + s * 0.9),
        ],
        fill=WHITE,
    )
    draw.polygon(
        [
            (x + s * 0.5, y + s * 0.22),
            (x + s * 0.9, y + s * 0.12),
            (x + s * 0.9, y + s * 0.8),
            (x + s * 0.5, y + s * 0.9),
        ],
        fill="#f7f9fb",
    )
    for i in range(5):
        offset = s * (0.28 + i * 0.1)
        draw.line(
            [(x + s * 0.16, y + offset - s * 0.06), (x + s * 0.44, y + offset)], fill="#b7c4d1", width=5
        )
        draw.line(
            [(x + s * 0.56, y + offset), (x + s * 0.84, y + offset - s * 0.06)], fill="#b7c4d1", width=5
        )


def _umbrella(draw, x, y, s, colours):
    draw.pieslice([x + s * 0.05, y + s * 0.1, x + s * 0.95, y + s * 0.9], 180, 360, fill=colours[0])
    draw.pieslice([x + s * 0.35, y + s * 0.1, x + s * 0.65, y + s * 0.9], 180, 360, fill=colours[1])
    draw.rectangle([x + s * 0.48, y + s * 0.45, x + s * 0.52, y + s * 0.85], fill=INK)
    draw.arc(
        [x + s * 0.36, y + s * 0.75, x + s * 0.52, y + s * 0.95],
        0,
        180,
        fill=INK,
        width=max(3, int(s * 0.04)),
    )


def _shapes(draw, x, y, s, colours):
    draw.ellipse([x, y + s * 0.3, x + s * 0.5, y + s * 0.8], fill=colours[0])
    draw.rectangle([x + s * 0.4, y + s * 0.1, x + s * 0.8, y + s * 0.5], fill=colours[1])
    draw.polygon([(x + s * 0.55, y + s), (x + s, y + s), (x + s * 0.78, y + s * 0.55)], fill=colours[2])


MOTIFS = {
    "people": _people,
    "bubbles": _bubbles,
    "ballot": _ballot,
    "heart": _heart,
    "notes": _notes,
    "newspaper": _newspaper,
    "plant": _plant,
    "coins": _coins,
    "screen": _screen,
    "calendar": _calendar,
    "pin": _pin,
    "book": _book,
    "umbrella": _umbrella,
    "shapes": _shapes,
}


def _colours(variant: int) -> list[str]:
    return PALETTE[variant % len(PALETTE) :] + PALETTE[: variant % len(PALETTE)]


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def illustration(motif: str, label: str = "", size=(960, 600), variant: int = 0) -> bytes:
    """A flat illustration: pale background, soft discs, the motif, and `label` in a blue band."""
    width, height = size
    colours = _colours(variant)
    image = Image.new("RGB", size, BACKGROUNDS[variant % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(image)
    draw.ellipse([-width * 0.1, -height * 0.25, width * 0.35, height * 0.45], fill=_tint(colours[2], 0.75))
    draw.ellipse([width * 0.7, height * 0.45, width * 1.15, height * 1.2], fill=_tint(colours[1], 0.8))
    draw.ellipse(
        [width * 0.78, height * 0.06, width * 0.86, height * 0.06 + width * 0.08],
        fill=_tint(colours[0], 0.55),
    )
    band = height * 0.24 if label else 0
    motif_size = min(width * 0.6, (height - band) * 0.78)
    MOTIFS[motif](draw, (width - motif_size) / 2, (height - band - motif_size) / 2, motif_size, colours)
    if label:
        text_size = int(band * 0.3)
        lines = _wrap(label, text_size, width * 0.86)[:2]
        if len(lines) == 2:
            text_size = int(band * 0.24)
            lines = _wrap(label, text_size, width * 0.86)[:2]
        draw.rectangle([0, height - band, width, height], fill=BLUE)
        draw.rectangle([0, height - band, width * 0.12, height - band + 8], fill=RED)
        line_height = text_size * 1.25
        first_y = height - band / 2 - line_height * (len(lines) - 1) / 2
        for i, line in enumerate(lines):
            _draw_text(draw, (width / 2, first_y + i * line_height), line, text_size, WHITE, anchor="mm")
    return _png(image)


def cover(title: str, number: str, period: str, motif: str, size=(600, 820), variant: int = 0) -> bytes:
    """A portrait cover: a red title band, a motif, the number and the period."""
    width, height = size
    colours = _colours(variant)
    image = Image.new("RGB", size, BACKGROUNDS[variant % len(BACKGROUNDS)])
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, height * 0.2], fill=RED)
    for i, line in enumerate(_wrap(title, int(height * 0.045), width * 0.85)[:2]):
        _draw_text(draw, (width * 0.07, height * (0.05 + i * 0.065)), line, int(height * 0.045), WHITE)
    motif_size = width * 0.7
    MOTIFS[motif](draw, (width - motif_size) / 2, height * 0.27, motif_size, colours)
    draw.rectangle([0, height * 0.83, width, height], fill=BLUE)
    _draw_text(draw, (width * 0.07, height * 0.855), number, int(height * 0.05), WHITE)
    _draw_text(draw, (width * 0.07, height * 0.93), period, int(height * 0.03), YELLOW, bold=False)
    return _png(image)


def logo(name: str, subtitle: str = "", size=(480, 240), variant: int = 0) -> bytes:
    """A partner's logo: a coloured disc with initials, then the name (its real logo is not ours to copy)."""
    width, height = size
    colour = PALETTE[variant % len(PALETTE)]
    image = Image.new("RGB", size, WHITE)
    draw = ImageDraw.Draw(image)
    disc = height * 0.5
    left, top = width * 0.05, (height - disc) / 2
    draw.ellipse([left, top, left + disc, top + disc], fill=colour)
    words = re.split(r"[\s'’]+", name)
    # "Printemps des Poètes": PP; "Jeunesse au Plein Air": JPA (small linking words left out).
    initials = "".join(w[0] for w in words if w and w[0].isalnum() and not (w.islower() and len(w) <= 4))
    initials = initials[:3].upper()
    _draw_text(draw, (left + disc / 2, top + disc / 2), initials, int(disc * 0.36), WHITE, anchor="mm")
    text_left, text_width = left + disc + width * 0.05, width * 0.62
    name_size = int(height * 0.15)
    lines = _wrap(name, name_size, text_width)
    while len(lines) > 2 and name_size > 12:
        name_size -= 2
        lines = _wrap(name, name_size, text_width)
    sub_lines = _wrap(subtitle, int(height * 0.075), text_width, bold=False)[:3] if subtitle else []
    total = len(lines) * name_size * 1.2 + len(sub_lines) * height * 0.09
    y = (height - total) / 2
    for line in lines:
        _draw_text(draw, (text_left, y), line, name_size, INK)
        y += name_size * 1.2
    for line in sub_lines:
        _draw_text(draw, (text_left, y), line, int(height * 0.075), "#51606f", bold=False)
        y += height * 0.09
    return _png(image)


# --- PDF ----------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4, in points
MARGIN = 56
BODY_SIZE, HEADING_SIZE = 11, 15
WRAP_COLUMNS = 88  # Helvetica 11 pt over 483 pt, on average


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding (the standard fonts' encoding)."""
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_text_string(text: str) -> bytes:
    """A PDF text string for metadata, in UTF-16 with its byte order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _page_stream(title: str, text: str, number: int, total: int) -> bytes:
    ops = [
        b"0 0.322 0.549 rg",
        b"0 %d %d 72 re f" % (PAGE_HEIGHT - 72, PAGE_WIDTH),
        b"0.894 0 0.227 rg",
        b"0 %d 90 6 re f" % (PAGE_HEIGHT - 78),
        b"BT 1 1 1 rg /F2 13 Tf %d %d Td %s Tj ET" % (MARGIN, PAGE_HEIGHT - 44, _pdf_string(title)),
        b"0.114 0.169 0.227 rg",
    ]
    y = PAGE_HEIGHT - 120
    for lines in paragraphs(text):
        for line in lines:
            if line.startswith("# "):
                y -= 6 if y < PAGE_HEIGHT - 120 else 0
                ops.append(
                    b"BT /F2 %d Tf %d %d Td %s Tj ET" % (HEADING_SIZE, MARGIN, y, _pdf_string(line[2:]))
                )
                y -= HEADING_SIZE + 10
                continue
            bullet = line.startswith("- ")
            wrapped = textwrap.wrap(line[2:] if bullet else line, WRAP_COLUMNS - 4 * bullet) or [""]
            for i, part in enumerate(wrapped):
                indent = 14 if bullet else 0
                if bullet and i == 0:
                    ops.append(b"BT /F1 %d Tf %d %d Td (-) Tj ET" % (BODY_SIZE, MARGIN, y))
                ops.append(
                    b"BT /F1 %d Tf %d %d Td %s Tj ET" % (BODY_SIZE, MARGIN + indent, y, _pdf_string(part))
                )
                y -= BODY_SIZE + 5
        y -= 8
    footer = f"OCCE – document de démonstration – page {number}/{total}"
    ops.append(b"BT 0.4 0.45 0.5 rg /F1 8 Tf %d 30 Td %s Tj ET" % (MARGIN, _pdf_string(footer)))
    return b"\n".join(ops)


def pdf(title: str, pages: list[str]) -> bytes:
    """A valid PDF 1.4 of A4 pages; each page's text uses `# ` headings and `- ` bullets."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _pdf_text_string(title) + b" /Author " + _pdf_text_string("OCCE") + b" /Producer "
        + _pdf_text_string("Site de l’OCCE – contenu de démonstration") + b" >>",
    ]  # fmt: skip
    page_refs = []
    for number, text in enumerate(pages, start=1):
        stream = _page_stream(title, text, number, len(pages))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT, len(objects))
        )
        page_refs.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(page_refs), len(page_refs))

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % (len(objects) + 1))
    output.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return output.getvalue()


def archive(files: list[tuple[str, bytes]], date_time=(2026, 1, 1, 0, 0, 0)) -> bytes:
    """A ZIP archive of (name, content) pairs, compressed, with a fixed date."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zip_file:
        for name, content in files:
            zip_file.writestr(zipfile.ZipInfo(name, date_time=date_time), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
