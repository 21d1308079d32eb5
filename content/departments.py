"""The French departments, and how a visitor's input finds one.

"Près de chez vous" accepts a department code ("93", "2A", "974"), a name
("Seine-Saint-Denis", "seine saint denis") or a postal code ("93500", "20090",
"97400"). Everything is resolved here, from this fixed table, so that the
database is asked only for the associations of the departments found.
"""

import re
import unicodedata

DEPARTMENTS = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes", "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes",
    "09": "Ariège", "10": "Aube", "11": "Aude", "12": "Aveyron", "13": "Bouches-du-Rhône",
    "14": "Calvados", "15": "Cantal", "16": "Charente", "17": "Charente-Maritime", "18": "Cher",
    "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse", "21": "Côte-d'Or",
    "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne",
    "32": "Gers", "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre",
    "37": "Indre-et-Loire", "38": "Isère", "39": "Jura", "40": "Landes", "41": "Loir-et-Cher",
    "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot",
    "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche",
    "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle",
    "55": "Meuse", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise",
    "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin",
    "69": "Rhône", "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie",
    "74": "Haute-Savoie", "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne",
    "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne",
    "83": "Var", "84": "Vaucluse", "85": "Vendée", "86": "Vienne", "87": "Haute-Vienne",
    "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort", "91": "Essonne",
    "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion",
    "976": "Mayotte", "975": "Saint-Pierre-et-Miquelon", "977": "Saint-Barthélemy",
    "978": "Saint-Martin", "986": "Wallis-et-Futuna", "987": "Polynésie française",
    "988": "Nouvelle-Calédonie",
}  # fmt: skip

CHOICES = sorted(
    ((code, f"{code} – {name}") for code, name in DEPARTMENTS.items()),
    key=lambda item: (
        len(item[0]) > 2 and item[0] not in {"2A", "2B"},
        item[0].replace("2A", "20A").replace("2B", "20B"),
    ),
)

# Corsica's postal codes: 200xx and 201xx are Corse-du-Sud, 202xx and up Haute-Corse.
_CORSICA_SOUTH_MAX = 20199


def normalise(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces, spaces folded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[\s\-'’_]+", " ", text.lower())
    return text.strip()


_NORMALISED_NAMES = {code: normalise(name) for code, name in DEPARTMENTS.items()}


def department_from_postal_code(postal_code: str) -> str | None:
    if not re.fullmatch(r"\d{5}", postal_code):
        return None
    if postal_code.startswith(("97", "98")):
        code = postal_code[:3]
    elif postal_code.startswith("20"):
        code = "2A" if int(postal_code) <= _CORSICA_SOUTH_MAX else "2B"
    else:
        code = postal_code[:2]
    return code if code in DEPARTMENTS else None


def find_departments(query: str) -> list[str]:
    """The department codes a visitor's input designates, best match first."""
    text = normalise(query or "")[:100]
    if not text:
        return []
    compact = text.replace(" ", "").upper()
    if compact in DEPARTMENTS:
        return [compact]
    if re.fullmatch(r"\d", compact):
        padded = f"0{compact}"
        return [padded] if padded in DEPARTMENTS else []
    if re.fullmatch(r"\d{5}", compact):
        code = department_from_postal_code(compact)
        return [code] if code else []
    if len(text) < 3:
        return []
    exact = [code for code, name in _NORMALISED_NAMES.items() if name == text]
    # Otherwise the names in which a word starts with the input ("loire" finds
    # Loire, Haute-Loire, Loiret…; "ain" finds Ain but not Saint-Martin).
    pattern = re.compile(rf"(?:^| ){re.escape(text)}")
    partial = [code for code, name in _NORMALISED_NAMES.items() if code not in exact and pattern.search(name)]
    return exact + partial
