"""French words for generated content, drawn so that their frequencies look natural.

The most frequent words are real French words of the OCCE's field, ranked by
hand; a long tail of rarer, invented but French-looking words follows. Words
are drawn with a Zipf law (the k-th word about 1/k as often as the first), as
in real text: a handful appear in nearly every page, most in very few.
"""

import bisect
import itertools
import random

_COMMON = """
coopération école élèves classe enseignants projet coopérative conseil apprendre ensemble
citoyenneté démocratie enfants éducation pédagogie activité parents formation réseau association
ressources solidarité responsabilité débat règles jeux lecture écriture musique théâtre arts culture
médias information bien-être harcèlement prévention respect entraide écoute parole vote décision
budget trésorier mandataire assurance financement partenaires territoire département académie
maternelle élémentaire collège cycle année rentrée calendrier agenda rencontre journée semaine
atelier sortie voyage jardin potager nature environnement climat santé sport corps mouvement
émotions confiance autonomie initiative engagement valeurs laïcité égalité liberté fraternité
numérique radio journal affiche exposition spectacle chorale concert danse peinture dessin
sculpture photographie cinéma poésie conte album bibliothèque livre revue numéro dossier
témoignage expérience pratique outil fiche guide méthode démarche étape objectif compétence
évaluation progrès réussite difficulté besoin inclusion handicap différence diversité accueil
famille quartier commune ville village campagne région national fédération mouvement histoire
mission statuts adhésion cotisation bénévoles militants salariés équipe direction bureau
assemblée générale rapport moral financier comptes bilan actions animation éducateurs formateurs
conservatoire boutique ouvrage publication recherche université chercheurs étude enquête chiffres
économie sociale solidaire entreprise coopératives mutuelle consommation commerce équitable
alimentation cantine déchets recyclage énergie eau biodiversité oiseaux arbres saisons hiver
printemps été automne fête carnaval marché vente tombola kermesse photographie scolaire charte
conseil municipal enfants jeunes adolescents délégués élections mandat représentants droits
convention internationale protection enfance dignité justice paix mémoire patrimoine monde
europe langues échanges correspondance lettres courrier messagerie réseaux sociaux écrans
sécurité internet données vie privée esprit critique argumentation opinion presse liberté
expression écrire lire compter calculer mesurer observer expérimenter chercher comprendre
construire imaginer créer inventer partager aider organiser préparer proposer discuter
"""
COMMON_WORDS = list(dict.fromkeys(_COMMON.split()))  # in rank order, each word once

_ONSETS = ["b", "br", "c", "ch", "cl", "d", "f", "fl", "g", "gr", "j", "l", "m", "n", "p", "pl", "pr",
           "qu", "r", "s", "t", "tr", "v", "vr"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "é", "è", "ou", "ai", "au", "eu", "an", "on", "in", "â", "ê", "ô"]
_ENDINGS = ["", "e", "es", "ent", "age", "ine", "ette", "eur", "ière", "ation", "ique", "iste", "ité",
            "ement", "oire", "elle", "on", "ard"]  # fmt: skip


def invented_words(count: int, seed: int = 0) -> list[str]:
    """Distinct invented French-looking words, the same for the same seed."""
    rng = random.Random(f"vocabulary-{seed}")  # noqa: S311 (reproducible words, not secrets)
    words, seen = [], set(COMMON_WORDS)
    while len(words) < count:
        syllables = rng.choice((2, 2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
        word += rng.choice(_ENDINGS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Vocabulary:
    """Words ranked by frequency, drawn with a Zipf law of exponent `exponent`."""

    def __init__(self, size: int = 20_000, exponent: float = 1.0, seed: int = 0):
        self.words = COMMON_WORDS + invented_words(max(size - len(COMMON_WORDS), 0), seed)
        weights = [1 / (rank**exponent) for rank in range(1, len(self.words) + 1)]
        self._cumulative = list(itertools.accumulate(weights))
        self._total = self._cumulative[-1]

    def draw(self, rng: random.Random, count: int) -> list[str]:
        cumulative, total, words = self._cumulative, self._total, self.words
        last = len(words) - 1
        return [words[min(bisect.bisect(cumulative, rng.random() * total), last)] for _ in range(count)]
