"""The consent wording shown next to the signup checkbox, one entry per version.

A subscriber stores the version they agreed to; the wording of every version
stays here for as long as a subscriber may hold it, so that the consent can be
proved. To change the wording, add a new version and make it the current one:
never edit a published wording in place.
"""

CONSENT_WORDINGS = {
    "2025-01": (
        "J’accepte que l’OCCE utilise mon adresse e-mail uniquement pour m’envoyer sa lettre "
        "d’information. Je peux me désinscrire à tout moment grâce au lien présent dans "
        "chaque envoi."
    ),
}

CURRENT_CONSENT_VERSION = "2025-01"


def current_wording() -> str:
    return CONSENT_WORDINGS[CURRENT_CONSENT_VERSION]
