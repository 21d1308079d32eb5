"""French text analysis for SQLite's FTS5, which has no French stemmer of its own.

Documents and queries go through the same steps, so that "École", "ecole" and
"écoles" meet: accents and case folded, French stop words dropped, each word
reduced to its Snowball stem. (PostgreSQL does the same in SQL with its
`occe_french` configuration: unaccent, then french_stem.)
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+")
_stemmer = snowballstemmer.stemmer("french")

# PostgreSQL's French stop words (and the elided forms), accents folded.
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci
    cela ces cet cette d dans de des du elle en es est et etaient etais etait etant ete etee etees
    etes etiez etions eu eue eues eumes eurent eus eusse eussent eusses eussiez eussions eut eutes
    eux fumes furent fus fusse fussent fusses fussiez fussions fut futes ici il ils j je l la le
    les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ont ou par pas pour
    qu que quel quelle quelles quels qui s sa sans se sera serai seraient serais serait seras
    serez seriez serions serons seront ses soi soient sois soit sommes son sont soyez soyons
    suis sur t ta te tes toi ton tu un une vos votre vous y
    """.split()
)


def fold(text: str) -> str:
    """Lower case without accents: "Élève" → "eleve"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def terms(text: str) -> list[str]:
    """The stems of the words of `text`, stop words left out, in order."""
    return [stem(word) for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


def analysed(text: str) -> str:
    """Text as stored in the FTS5 table: its stems separated by spaces."""
    return " ".join(terms(text))
