"""The map of « Près de chez vous »: each département a link to its association, or to the
federation where there is none.

The shapes are a static sprite, static/img/carte-departements.svg, made from npm packages by
scripts/build_department_map.py (sources and licence there). The page draws each département
with <use href="…#d-CODE"> inside its link: the browser fetches the shapes once and caches them,
and the page carries only the 101 links. Building the map asks the database for nothing: it is
given the associations the page has already read.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from content.departments import CHOICES, DEPARTMENTS

SPRITE = "img/carte-departements.svg"
CREDIT_URL = "https://github.com/VictorCazanave/svg-maps"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.fr"
_ORDER = {code: position for position, (code, _) in enumerate(CHOICES)}


@dataclass(frozen=True)
class Layout:
    view_box: str
    codes: tuple[str, ...]  # the départements drawn, in the order of their codes
    real_place_codes: tuple[str, ...]  # small ones also drawn at their real place


@functools.cache
def layout() -> Layout:
    """What the committed sprite holds, read once (the script writes one element a line)."""
    sprite = Path(finders.find(SPRITE)).read_text(encoding="utf-8")
    ids = re.findall(r'<path id="d-([0-9AB]+(?:-carte)?)"', sprite)
    codes = [id_ for id_ in ids if not id_.endswith("-carte")]
    real_place = [id_.removesuffix("-carte") for id_ in ids if id_.endswith("-carte")]
    return Layout(
        view_box=re.search(r'<svg [^>]*viewBox="([^"]+)"', sprite).group(1),
        codes=tuple(sorted(codes, key=_ORDER.__getitem__)),
        real_place_codes=tuple(sorted(real_place, key=_ORDER.__getitem__)),
    )


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    url: str
    has_association: bool

    @property
    def label(self) -> str:
        if self.has_association:
            return f"{self.name} ({self.code})"
        return f"{self.name} ({self.code}) : pas encore d’association en ligne, la fédération"


def department_map(associations, federation_url: str, request=None) -> dict:
    """The map's context: an area per département, linked to its association (the first one
    if several) or, where there is none, to `federation_url`."""
    by_code = {}
    for association in associations:
        by_code.setdefault(association.department_code, association)

    def area(code):
        association = by_code.get(code)
        url = association.get_url(request) if association else federation_url
        return Area(code, DEPARTMENTS[code], url, association is not None)

    current = layout()
    sprite_url = static(SPRITE)
    return {
        "view_box": current.view_box,
        "sprite_url": sprite_url,
        "areas": [area(code) for code in current.codes],
        "real_place_areas": [area(code) for code in current.real_place_codes],
        "credit_url": CREDIT_URL,
        "licence_url": LICENCE_URL,
    }
