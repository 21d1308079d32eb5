"""Large, realistic sites on demand: `manage.py generate_content --pages N --seed S`.

Pages are written in bulk, without going through `add_child` one page at a
time: the tree paths are computed here (Wagtail's materialised paths, four
base-36 characters a level), the base page rows are inserted with
`bulk_create`, each type's own row with one `executemany`, and the public
search documents are written from the text as it is generated. The same seed
gives the same site.
"""

import datetime
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from content.departments import DEPARTMENTS
from content.models import (
    ArticlePage,
    Cycle,
    DepartmentalAssociationPage,
    EventPage,
    NewsPage,
    ProjectPage,
    ResourcePage,
    ReviewPage,
    StandardPage,
    Theme,
    WebinarPage,
    section_index,
)
from devtools.vocabulary import Vocabulary

# The counts of the current site's search page, in its facet order. The seed shows
# "Ass. départementales (0)" (the same bug as its "Tous (0)"); the demo site has 14, and 12
# here keeps the generated sites (and the benchmarks made on them) as they were.
SEED_COUNTS = {
    ResourcePage: 13,
    ProjectPage: 7,
    ReviewPage: 4,
    WebinarPage: 2,
    ArticlePage: 6,
    NewsPage: 25,
    EventPage: 1,
    StandardPage: 13,
    DepartmentalAssociationPage: 12,
}


CONNECTORS = ["et", "de la", "pour les", "avec les", "dans la", "à l’école :", "en classe :", "et la", "au"]
ALPHABET = Page.alphabet
STEP = Page.steplen
BATCH = 2000


def split_counts(total: int) -> dict:
    """`total` pages spread over the types in the seed's proportions (largest remainders)."""
    weight = sum(SEED_COUNTS.values())
    exact = {model: total * count / weight for model, count in SEED_COUNTS.items()}
    counts = {model: int(value) for model, value in exact.items()}
    by_remainder = sorted(exact, key=lambda model: exact[model] - counts[model], reverse=True)
    for model in by_remainder[: total - sum(counts.values())]:
        counts[model] += 1
    return counts


def postal_code_of(department_code: str) -> str:
    """A postal code of the department: "93000", "20000" (2A), "20200" (2B), "97400"."""
    special = {"2A": "20000", "2B": "20200"}
    return special.get(department_code) or department_code.ljust(5, "0")


def encode_step(number: int) -> str:
    digits = []
    for _ in range(STEP):
        number, digit = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[digit])
    if number:
        raise ValueError("Too many children for one parent.")
    return "".join(reversed(digits))


def decode_step(step: str) -> int:
    number = 0
    for char in step:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    return number


@dataclass
class GenerationReport:
    pages: int
    create_seconds: float
    index_seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.create_seconds if self.create_seconds else 0.0


class ContentGenerator:
    def __init__(self, home, seed: int = 0, vocabulary: Vocabulary | None = None):
        self.home = home
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 (reproducible content, not secrets)
        self.vocabulary = vocabulary or Vocabulary(seed=seed)
        self.themes = list(Theme.objects.order_by("sort_order"))
        self.cycles = list(Cycle.objects.order_by("number"))
        self.locale = Locale.get_default()
        self.today = timezone.localdate()

    # --- text ----------------------------------------------------------------------------

    def words(self, count: int) -> list[str]:
        return self.vocabulary.draw(self.rng, count)

    def title(self) -> str:
        words = self.words(self.rng.randint(2, 4))
        parts = [words[0]]
        for word in words[1:]:
            parts += [self.rng.choice(CONNECTORS), word]
        text = " ".join(parts)
        return text[0].upper() + text[1:]

    def sentence(self, count: int) -> str:
        text = " ".join(self.words(count))
        return text[0].upper() + text[1:] + "."

    def body(self) -> tuple[list, str]:
        """StreamField data and its plain text."""
        blocks, texts = [], []
        for number in range(self.rng.randint(2, 5)):
            if number:
                heading = self.title()
                blocks.append(
                    {"type": "heading", "value": {"text": heading, "level": "h2"}, "id": self.uuid()}
                )
                texts.append(heading)
            paragraph = " ".join(
                self.sentence(self.rng.randint(8, 20)) for _ in range(self.rng.randint(3, 6))
            )
            blocks.append({"type": "paragraph", "value": f"<p>{paragraph}</p>", "id": self.uuid()})
            texts.append(paragraph)
        return blocks, "\n".join(texts)

    @staticmethod
    def uuid() -> str:
        """Identifiers need not repeat from one run to the next (only the content does)."""
        return str(uuid.uuid4())

    def date(self) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randrange(3650))

    # --- type-specific fields ------------------------------------------------------------

    def own_fields(self, model, number: int, day: datetime.date) -> dict:
        moment = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(self.rng.choice([9, 14, 18])))
        )
        if model is WebinarPage:
            return {
                "start": moment,
                "duration_minutes": self.rng.choice([45, 60, 90, 120]),
                "registration_url": "",
                "replay_url": "",
            }
        if model is EventPage:
            return {
                "start": moment,
                "end": moment + datetime.timedelta(hours=self.rng.choice([2, 3, 8])),
                "place": self.rng.choice(["Pantin", "En ligne", "Lyon", "Rennes"]),
                "registration_url": "",
            }
        if model is ReviewPage:
            return {
                "issue_number": f"N° {number + 1}",
                "period_label": day.strftime("%m/%Y"),
                "cover_image_id": None,
                "pdf_id": None,
            }
        if model is ProjectPage:
            return {"period": f"{day.year}-{day.year + 1}"}
        if model is DepartmentalAssociationPage:
            codes = list(DEPARTMENTS)
            code = codes[number % len(codes)]
            return {
                "department_code": code,
                "street_address": f"{self.rng.randint(1, 120)} rue de l’École",
                "postal_code": postal_code_of(code),
                "city": DEPARTMENTS[code],
                "phone": "",
                "email": "",
                "website": "",
            }
        return {}

    # --- the tree ------------------------------------------------------------------------

    def generate(self, total: int, progress: Callable[[int], None] | None = None) -> GenerationReport:
        from search.documents import PageText
        from search.engines import engine

        started = time.monotonic()
        index = engine()
        texts: list[PageText] = []
        for model, count in split_counts(total).items():
            if count:
                texts += self._create(model, count, progress)
        created = time.monotonic()
        for start in range(0, len(texts), BATCH):
            with transaction.atomic():
                index.write(texts[start : start + BATCH])
        return GenerationReport(total, created - started, time.monotonic() - created)

    def _create(self, model, count: int, progress) -> list:
        from search.documents import PageText

        parent = section_index(self.home, model)
        parent.refresh_from_db()
        last_child = parent.get_last_child()
        next_number = decode_step(last_child.path[-STEP:]) + 1 if last_child else 1
        content_type = ContentType.objects.get_for_model(model)
        now = timezone.now()
        own_columns = [field for field in model._meta.local_concrete_fields if field.name != "page_ptr"]
        through_themes = model.themes.through
        through_cycles = getattr(model, "cycles", None) and model.cycles.through
        texts = []

        for batch_start in range(0, count, BATCH):
            size = min(BATCH, count - batch_start)
            pages, rows, extras = [], [], []
            for offset in range(size):
                number = next_number + batch_start + offset
                step = encode_step(number)
                title = self.title()
                summary = self.sentence(self.rng.randint(12, 25))
                body, body_text = self.body()
                day = self.date()
                published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
                slug = f"{slugify(title)[:60].strip('-')}-{step.lower()}"
                pages.append(
                    Page(
                        path=parent.path + step,
                        depth=parent.depth + 1,
                        numchild=0,
                        translation_key=self.uuid(),
                        locale=self.locale,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        latest_revision_created_at=now,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        url_path=f"{parent.url_path}{slug}/",
                        seo_title="",
                        search_description="",
                    )
                )
                values = {"summary": summary, "body": body, "publication_date": day, "listing_image_id": None}
                values.update(self.own_fields(model, batch_start + offset, day))
                rows.append(values)
                themes = self.rng.sample(self.themes, self.rng.randint(1, 2)) if self.themes else []
                cycles = self.rng.sample(self.cycles, self.rng.randint(1, 3)) if through_cycles else []
                extras.append((themes, cycles, title, summary, body_text, day))

            with transaction.atomic():
                Page.objects.bulk_create(pages, batch_size=BATCH)
                self._insert_own_rows(model, own_columns, pages, rows)
                theme_links, cycle_links = [], []
                for page, (themes, cycles, *_rest) in zip(pages, extras, strict=True):
                    theme_links += [
                        through_themes(**{f"{model._meta.model_name}_id": page.pk, "theme_id": t.pk})
                        for t in themes
                    ]
                    if through_cycles:
                        cycle_links += [
                            through_cycles(**{f"{model._meta.model_name}_id": page.pk, "cycle_id": c.pk})
                            for c in cycles
                        ]
                through_themes.objects.bulk_create(theme_links, batch_size=BATCH)
                if through_cycles:
                    through_cycles.objects.bulk_create(cycle_links, batch_size=BATCH)
                Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + batch_start + size)

            for page, (themes, _cycles, title, summary, body_text, day) in zip(pages, extras, strict=True):
                theme_names = " ".join(theme.name for theme in themes)
                texts.append(
                    PageText(
                        page.pk,
                        content_type.pk,
                        page.path,
                        title,
                        summary,
                        f"{body_text}\n{theme_names}",
                        day,
                    )
                )
            if progress:
                progress(size)
        return texts

    @staticmethod
    def _insert_own_rows(model, columns, pages, rows):
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(field.column) for field in columns)
        placeholders = ", ".join(["%s"] * (len(columns) + 1))
        sql = f"INSERT INTO {table} (page_ptr_id, {names}) VALUES ({placeholders})"  # noqa: S608 (model metadata only)  # nosec B608
        params = [
            [page.pk]
            + [
                field.get_db_prep_save(row.get(field.attname, row.get(field.name)), connection)
                for field in columns
            ]
            for page, row in zip(pages, rows, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
