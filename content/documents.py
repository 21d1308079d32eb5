"""How a downloadable document is described to a visitor: "Fichier PDF - 429 Ko"."""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

KIND_BY_EXTENSION = {
    "pdf": "Fichier PDF",
    "zip": "Dossier compressé",
    "doc": "Document Word",
    "docx": "Document Word",
    "odt": "Document texte",
    "rtf": "Document texte",
    "txt": "Fichier texte",
    "xls": "Tableur Excel",
    "xlsx": "Tableur Excel",
    "ods": "Tableur",
    "csv": "Fichier CSV",
    "ppt": "Présentation PowerPoint",
    "pptx": "Présentation PowerPoint",
    "odp": "Présentation",
    "jpg": "Image JPEG",
    "jpeg": "Image JPEG",
    "png": "Image PNG",
    "webp": "Image WebP",
}


def file_kind(extension: str) -> str:
    extension = (extension or "").lower().lstrip(".")
    return KIND_BY_EXTENSION.get(extension, f"Fichier {extension.upper()}" if extension else "Fichier")


def _french_decimal(value: Decimal) -> str:
    text = format(value, "f")
    return text.replace(".", ",")


def file_size_label(size: int | None) -> str:
    """A size in French units: octets, Ko (whole), Mo (one decimal), Go (one decimal)."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size}{NBSP}octet" + ("s" if size > 1 else "")
    kilo = Decimal(size) / 1024
    if kilo < 1024:
        return f"{kilo.quantize(Decimal('1'), rounding=ROUND_HALF_UP)}{NBSP}Ko"
    mega = kilo / 1024
    if mega < 1024:
        rounded = mega.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
        return f"{_french_decimal(rounded)}{NBSP}Mo"
    giga = (mega / 1024).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{_french_decimal(giga)}{NBSP}Go"


def document_label(document) -> str:
    """ "Fichier PDF - 429 Ko" for a Wagtail document, reading its cached size."""
    size = document.file_size
    if size is None:
        try:
            size = document.get_file_size()
        except OSError:
            size = None
    label = file_kind(document.file_extension)
    size_text = file_size_label(size)
    return f"{label} - {size_text}" if size_text else label
