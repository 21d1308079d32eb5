"""The demo site: the current OCCE site's tree and content, from the data in fixtures/demo/
(its images and documents in fixtures/demo/media/).

Each step finds what already exists by a stable key (a page's slug under its parent, an
image's or a document's title in the "Démo" collection, a partner's name, a promotion's
query) and creates only what is missing: a second run changes nothing. Dates are given
in the data relative to the day of loading, so the demo always looks recent.
"""

import datetime
import json
import tomllib
import uuid
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.search.utils import normalise_query_string

from contact.models import ContactPage, ContactSubject, FormField
from content.models import (
    SECTION_INDEX_TYPES,
    AccessibilityStatementPage,
    Cycle,
    DepartmentalAssociationPage,
    EventPage,
    Footer,
    HomeFeaturedPage,
    MainMenu,
    Partner,
    ProjectPage,
    ResourceDocument,
    ResourcePage,
    ReviewPage,
    StandardPage,
    Theme,
    WebinarPage,
)
from content.navigation.moderation import set_up_navigation_moderation
from devtools.demo.text import french, rich_text
from newsletter.consent import CURRENT_CONSENT_VERSION
from newsletter.models import Subscriber

DATA_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
MEDIA_DIR_NAME = "media"
COLLECTION_NAME = "Démo"

# The sections: their slug (which names their data file), index type and page type, in
# the order they are created. A body may link only to a page created before it.
SECTIONS = [(index.default_slug, index, index.child_model) for index in SECTION_INDEX_TYPES]
STANDARD_PAGES_FILE = "pages.toml"
CONTACT_PAGE_FILE = "contact.toml"
ACCESSIBILITY_FILE = "accessibility.toml"


class DemoDataError(ValueError):
    """The demo data names something that does not exist (an image, a page, a block…)."""


class DemoSite:
    """Loads the demo content under `home`, step by step; see `load()`."""

    def __init__(self, home, data_dir=DATA_DIR, today=None):
        self.home = home
        self.data_dir = Path(data_dir)
        self.today = today or timezone.localdate()
        self.created = Counter()
        self.found = Counter()
        self.collection = None
        self.images = {}  # key in the data -> Image
        self.documents = {}  # key in the data -> Document
        self.partners = {}  # name -> Partner
        self.pages = {}  # path under the home page ("/nous-connaitre/") -> specific page
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.cycles = {cycle.number: cycle for cycle in Cycle.objects.all()}

    def data(self, name):
        with (self.data_dir / name).open("rb") as file:
            return tomllib.load(file)

    # --- the steps ---------------------------------------------------------------------------

    def load(self):
        """Every step, in one transaction."""
        with transaction.atomic():
            self.load_media()
            self.load_partners()
            self.load_pages()
            self.load_contact_page()
            self.load_home()
            self.load_promotions()
            self.load_menus()
            self.load_moderation()
            self.load_accessibility_statement()
            self.load_subscribers()

    def reset(self):
        """Delete what the demo creates: the pages of its sections and its top-level pages
        (with anything added below them), its promotions, the home page's hero, picks and
        promos, its partners, and the "Démo" collection with its images and documents."""
        with transaction.atomic():
            top_slugs = [slug for slug, _index, _model in SECTIONS]
            top_slugs += [
                item["slug"] for item in self.data(STANDARD_PAGES_FILE)["page"] if "parent" not in item
            ]
            top_slugs.append(self.data(CONTACT_PAGE_FILE)["slug"])
            top_slugs.append(self.data(ACCESSIBILITY_FILE)["slug"])
            for page in self.home.get_children().filter(slug__in=top_slugs):
                page.delete()
            queries = [
                normalise_query_string(item["query"]) for item in self.data("promotions.toml")["promotion"]
            ]
            SearchPromotion.objects.filter(query__query_string__in=queries).delete()
            self.home.refresh_from_db()
            self.home.hero_title = self.home.hero_text = self.home.hero_link_label = ""
            self.home.hero_image = self.home.hero_link_page = None
            self.home.featured_pages.clear()
            self.home.promos = []
            self.home.save_revision().publish()
            Partner.objects.filter(
                name__in=[french(p["name"]) for p in self.data("partners.toml")["partner"]]
            ).delete()
            site = self.home.get_site()
            MainMenu.objects.filter(site=site).delete()
            Footer.objects.filter(site=site).delete()
            for item in self.data("subscribers.toml")["subscriber"]:
                Subscriber.objects.with_email(item["email"]).delete()
            for collection in Collection.objects.filter(name=COLLECTION_NAME, depth=2):
                get_image_model().objects.filter(collection=collection).delete()
                get_document_model().objects.filter(collection=collection).delete()
                collection.delete()
        self.home.refresh_from_db()

    def load_media(self):
        """The "Démo" collection, its illustrations and its documents (PDF, ZIP)."""
        root = Collection.get_first_root_node()
        self.collection = root.get_children().filter(name=COLLECTION_NAME).first() or root.add_child(
            name=COLLECTION_NAME
        )
        data = self.data("media.toml")
        for item in data["image"]:
            self.images[item["key"]] = self.image(item, item["file"])
        for item in data["document"]:
            self.documents[item["key"]] = self.document(item["title"], item["file"])

    def load_partners(self):
        """The partners of the footer ("Ils nous accompagnent"), in the current site's order."""
        for number, item in enumerate(self.data("partners.toml")["partner"]):
            name = french(item["name"])
            partner = Partner.objects.filter(name=name).first()
            if partner:
                self.found["partenaires"] += 1
            else:
                logo = self.image(
                    {"key": f"logo-{number + 1:02d}", "title": f"Logo {name}", "alt": f"Logo de {name}"},
                    item["logo"],
                )
                partner = Partner.objects.create(
                    name=name, logo=logo, url=item.get("url", ""), sort_order=number
                )
                self.created["partenaires"] += 1
            self.partners[name] = partner

    def load_pages(self):
        """The section indexes, the standard pages, then each section's pages."""
        sections = {item["slug"]: item for item in self.data("sections.toml")["section"]}
        indexes = {}
        for slug, index_model, _model in SECTIONS:
            indexes[slug] = self.index_page(index_model, sections[slug])
        for item in self.data(STANDARD_PAGES_FILE)["page"]:
            parent = self.pages[item["parent"]] if "parent" in item else self.home
            self.content_page(parent, StandardPage, item)
        for slug, _index_model, model in SECTIONS:
            for item in self.data(f"{slug}.toml").get("page", []):
                self.content_page(indexes[slug], model, item)

    def load_contact_page(self):
        """The "Nous contacter" form (contact/): its fields, its subjects and their recipients."""
        data = self.data(CONTACT_PAGE_FILE)
        if self.existing(self.home, data["slug"]):
            return
        self.add(
            self.home,
            ContactPage(
                slug=data["slug"],
                title=french(data["title"]),
                introduction=rich_text(data["introduction"]),
                thank_you_text=rich_text(data["thank_you"]),
                to_address=data["to_address"],
                subject=french(data["mail_subject"]),
                subjects=[
                    ContactSubject(label=french(item["label"]), recipients=item["recipients"])
                    for item in data["subject"]
                ],
                form_fields=[
                    FormField(
                        label=french(item["label"]),
                        field_type=item["type"],
                        required=item.get("required", True),
                        help_text=french(item.get("help_text", "")),
                    )
                    for item in data["field"]
                ],
            ),
        )

    def load_home(self):
        """The home page's hero, editor's picks and promos, unless an editor has set a hero."""
        home = self.home
        home.refresh_from_db()
        if home.hero_title:
            self.found["accueil"] += 1
            return
        data = self.data("home.toml")
        hero = data["hero"]
        home.hero_title = french(hero["title"])
        home.hero_text = french(hero["text"])
        home.hero_image = self.images[hero["image"]]
        home.hero_link_label = french(hero["link_label"])
        home.hero_link_page = self.page_at(hero["link"])
        home.featured_pages = [HomeFeaturedPage(page=self.page_at(path)) for path in data["featured"]]
        home.promos = json.dumps(
            [
                {
                    "type": "promo",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "title": french(promo["title"]),
                        "text": french(promo.get("text", "")),
                        "image": self.image_value(promo["image"], promo.get("alt"))
                        if "image" in promo
                        else None,
                        "links": [self.link(link["label"], link["link"]) for link in promo["links"]],
                    },
                }
                for promo in data["promo"]
            ]
        )
        home.save_revision().publish()
        self.created["accueil"] += 1

    def load_promotions(self):
        """The editor's picks of the search for frequent queries."""
        for number, item in enumerate(self.data("promotions.toml")["promotion"]):
            query = Query.get(item["query"])
            page = self.page_at(item["page"])
            if SearchPromotion.objects.filter(query=query, page=page).exists():
                self.found["promotions"] += 1
                continue
            SearchPromotion.objects.create(
                query=query, page=page, description=french(item.get("description", "")), sort_order=number
            )
            self.created["promotions"] += 1

    def load_menus(self):
        """The header menu and the footer of the current site (navigation.toml), published,
        unless the site already has its own."""
        site = self.home.get_site()
        data = self.data("navigation.toml")
        if MainMenu.objects.filter(site=site).exists():
            self.found["menus"] += 1
        else:
            menu = data["menu"]
            self.publish(
                MainMenu(
                    site=site,
                    utility_links=[self.utility_item(item) for item in menu["utility"]],
                    entries=[{"type": "entry", "value": self.menu_entry(item)} for item in menu["entries"]],
                )
            )
            self.created["menus"] += 1
        if Footer.objects.filter(site=site).exists():
            self.found["menus"] += 1
        else:
            footer = data["footer"]
            self.publish(
                Footer(
                    site=site,
                    partners_heading=french(footer["partners_heading"]),
                    organization_name=french(footer["organization_name"].strip()),
                    street_address=footer["street_address"],
                    postal_code=footer["postal_code"],
                    city=footer["city"],
                    approval_statement=french(footer["approval_statement"]),
                    copyright_holder=footer["copyright_holder"],
                    social_links=[{"type": "social", "value": social} for social in footer["social"]],
                    columns=[
                        {
                            "type": "column",
                            "value": {
                                "heading": french(column["heading"]),
                                "links": [self.nav_link(link) for link in column["links"]],
                            },
                        }
                        for column in footer["columns"]
                    ],
                    legal_links=[{"type": "link", "value": self.nav_link(link)} for link in footer["legal"]],
                )
            )
            self.created["menus"] += 1

    def load_moderation(self):
        """The menus and the footer go through « Moderators approval », Wagtail's default
        workflow; the Editors and Moderators groups get their permissions on them."""
        set_up_navigation_moderation()

    def load_accessibility_statement(self):
        """The accessibility statement (accessibility.toml), dated the day of loading."""
        data = self.data(ACCESSIBILITY_FILE)
        if self.existing(self.home, data["slug"]):
            return
        self.add(
            self.home,
            AccessibilityStatementPage(
                slug=data["slug"],
                title=french(data["title"]),
                entity_name=french(data["entity_name"]),
                conformity=data["conformity"],
                statement_date=self.today,
                test_results=rich_text(data["test_results"]),
                non_conforming_content=rich_text(data["non_conforming_content"]),
                derogations=rich_text(data["derogations"]),
                out_of_scope=rich_text(data["out_of_scope"]),
                technologies=french(data["technologies"].strip()),
                test_environment=french(data["test_environment"].strip()),
                evaluation_tools=french(data["evaluation_tools"].strip()),
                tested_pages=french(data["tested_pages"].strip()),
                contact_page=self.pages.get(data["contact_page"]),
                contact_postal_address=french(data["contact_postal_address"].strip()),
            ),
        )

    def load_subscribers(self):
        """A few newsletter subscribers in each status (made-up addresses at example.org)."""
        now = timezone.now()
        for item in self.data("subscribers.toml")["subscriber"]:
            if Subscriber.objects.with_email(item["email"]).exists():
                self.found["abonnés"] += 1
                continue

            def ago(key, item=item):
                return now - datetime.timedelta(days=item[key]) if key in item else None

            Subscriber.objects.create(
                email=item["email"],
                status=item["status"],
                created_at=ago("days_ago"),
                requested_at=ago("days_ago"),
                confirmed_at=ago("confirmed_days_ago"),
                unsubscribed_at=ago("unsubscribed_days_ago"),
                consent_version=CURRENT_CONSENT_VERSION,
                consent_page=item.get("consent_page", ""),
            )
            self.created["abonnés"] += 1

    @staticmethod
    def publish(snippet):
        """Save a menu or a footer and publish its first revision, as an editor would."""
        snippet.live = False
        snippet.save()
        snippet.save_revision().publish()

    def nav_link(self, item):
        """A NavLinkBlock value from the data: a demo page, a site path, a full address or a
        document of media.toml (linked by its address)."""
        label = french(item["label"])
        if "page" in item:
            return {"label": label, "page": self.page_at(item["page"]).pk, "url": ""}
        if "document" in item:
            return {"label": label, "page": None, "url": self.documents[item["document"]].url}
        return {"label": label, "page": None, "url": item.get("path") or item["url"]}

    def utility_item(self, item):
        if "group" in item:
            links = [self.nav_link(link) for link in item["links"]]
            return {"type": "group", "value": {"label": french(item["group"]), "links": links}}
        return {"type": "link", "value": self.nav_link(item["link"])}

    def menu_entry(self, item):
        features = []
        for feature in item.get("features", []):
            value = {"title": french(feature["title"]), "text": french(feature.get("text", ""))}
            if "image" in feature:
                value["image"] = self.image_value(feature["image"], feature.get("alt"))
            if feature["type"] == "document":
                value["document"] = self.documents[feature["document"]].pk
            else:
                value["kicker"] = french(feature.get("kicker", ""))
                value["links"] = [self.nav_link(link) for link in feature["links"]]
            features.append({"type": feature["type"], "value": value})
        return {
            "label": french(item["label"]),
            "page": self.page_at(item["page"]).pk if "page" in item else None,
            "links": [self.nav_link(link) for link in item["links"]],
            "features": features,
        }

    # --- media -------------------------------------------------------------------------------

    def image(self, item, filename):
        """The image titled item["title"] in the demo collection, made from `filename` if missing."""
        title = french(item["title"])
        image = get_image_model().objects.filter(collection=self.collection, title=title).first()
        if image:
            self.found["images"] += 1
            return image
        with (self.data_dir / MEDIA_DIR_NAME / filename).open("rb") as file:
            image = get_image_model()(
                title=title,
                description=french(item.get("alt", ""))[:255],
                collection=self.collection,
                file=ImageFile(file, name=f"demo-{item['key']}.png"),
            )
            image._set_image_file_metadata()
            image.save()
        self.created["images"] += 1
        return image

    def document(self, title, filename):
        """The document titled `title` in the demo collection, made from `filename` if missing."""
        title = french(title)
        document = get_document_model().objects.filter(collection=self.collection, title=title).first()
        if document:
            self.found["documents"] += 1
            return document
        with (self.data_dir / MEDIA_DIR_NAME / filename).open("rb") as file:
            document = get_document_model()(
                title=title, collection=self.collection, file=File(file, name=filename)
            )
            document._set_document_file_metadata()
            document.save()
        self.created["documents"] += 1
        return document

    # --- pages -------------------------------------------------------------------------------

    def path_of(self, page):
        """A page's path under the home page: "/nous-connaitre/notre-mission/"."""
        return page.url_path[len(self.home.url_path) - 1 :]

    def page_at(self, path):
        try:
            return self.pages[path]
        except KeyError:
            raise DemoDataError(f"Aucune page de démonstration à l’adresse {path}") from None

    def existing(self, parent, slug):
        """The child `slug` of `parent` if the demo (or an editor) already made it."""
        page = parent.get_children().filter(slug=slug).specific().first()
        if page:
            self.found["pages"] += 1
            self.pages[self.path_of(page)] = page
        return page

    def add(self, parent, page):
        """Add `page` under `parent` and publish it as an editor would: a draft, its first
        revision (validated), then its publication (which indexes it for the search)."""
        page.live = False
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created["pages"] += 1
        self.pages[self.path_of(page)] = page
        return page

    def index_page(self, model, item):
        return self.existing(self.home, item["slug"]) or self.add(
            self.home,
            model(
                slug=item["slug"],
                title=french(item["title"]),
                introduction=french(item.get("introduction", "")),
            ),
        )

    def content_page(self, parent, model, item):
        if page := self.existing(parent, item["slug"]):
            return page
        day = self.today - datetime.timedelta(days=item["days_ago"])
        own = self.own_fields(model, item, day)
        page = model(
            slug=item["slug"],
            title=own.pop("title", None) or french(item["title"]),
            summary=french(item["summary"]),
            publication_date=day,
            # Kept by the first publication: the admin shows the page as published that day.
            first_published_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))),
            listing_image=self.images[item["image"]] if "image" in item else None,
            body=self.body(item.get("body", []), where=item["slug"]),
            themes=[self.themes[slug] for slug in item.get("themes", [])],
            **own,
        )
        return self.add(parent, page)

    def own_fields(self, model, item, day):
        """The fields of the page's own type, from its data."""
        builder = {
            ResourcePage: self.resource_fields,
            ProjectPage: self.project_fields,
            ReviewPage: self.review_fields,
            WebinarPage: self.webinar_fields,
            EventPage: self.event_fields,
            DepartmentalAssociationPage: self.association_fields,
        }.get(model)
        return builder(item, day) if builder else {}

    def resource_fields(self, item, day):
        documents = [
            ResourceDocument(document=self.documents[doc["document"]], title=french(doc.get("label", "")))
            for doc in item.get("documents", [])
        ]
        return {"cycles": [self.cycles[n] for n in item.get("cycles", [])], "documents": documents}

    def project_fields(self, item, day):
        return {
            "cycles": [self.cycles[n] for n in item.get("cycles", [])],
            "period": french(item.get("period", school_year(day))),
            "partners": [self.partners[french(name)] for name in item.get("partners", [])],
        }

    def start(self, item):
        """The start of a webinar or an event: so many days from today, on a working day."""
        day = working_day(self.today + datetime.timedelta(days=item["starts_in_days"]), self.today)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(item["time"])))

    def webinar_fields(self, item, day):
        return {
            "start": self.start(item),
            "duration_minutes": item["duration_minutes"],
            "registration_url": item.get("registration_url", ""),
            "replay_url": item.get("replay_url", ""),
        }

    def event_fields(self, item, day):
        start = self.start(item)
        return {
            "start": start,
            "end": start + datetime.timedelta(minutes=item["duration_minutes"]),
            "place": french(item["place"]),
            "registration_url": item.get("registration_url", ""),
        }

    def association_fields(self, item, day):
        return {
            "department_code": item["department_code"],
            "street_address": french(item["street_address"]),
            "postal_code": item["postal_code"],
            "city": french(item["city"]),
            "phone": item.get("phone", ""),
            "email": item.get("email", ""),
            "website": item.get("website", ""),
        }

    def review_fields(self, item, day):
        """A review's title, number and period (from its date: two months, or four for a
        double number), its cover and its PDF."""
        months = item.get("months", 2)
        last = add_months(day, months - 1)
        period = f"{month_name(day)}-{month_name(last)} {last.year}"
        if day.year != last.year:
            period = f"{month_name(day)} {day.year}-{month_name(last)} {last.year}"
        number = f"N° {item['issue']}"
        cover_title = f"Couverture d'Animation & Éducation {number}"
        cover = self.image(
            {"key": f"revue-{item['issue']}", "title": cover_title, "alt": cover_title}, item["cover"]
        )
        pdf = self.document(f"Animation & Éducation {number} (extrait)", item["pdf"])
        return {
            "title": f"Animation & Éducation {french(number)} | {period}",
            "issue_number": french(number),
            "period_label": period,
            "cover_image": cover,
            "pdf": pdf,
        }

    # --- bodies and links --------------------------------------------------------------------

    def body(self, blocks, where=""):
        """StreamField data (as JSON) from the blocks of the data: each is a table whose first
        key names its kind (heading, text, image, quote, document, accordion, button, video)."""
        return json.dumps([{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in
                           (self.block(block, where) for block in blocks)])  # fmt: skip

    def block(self, block, where):
        kind = next(iter(block), None)
        if kind == "heading":
            return "heading", {"text": french(block["heading"]), "level": block.get("level", "h2")}
        if kind == "text":
            return "paragraph", rich_text(block["text"])
        if kind == "image":
            value = {"image": self.image_value(block["image"], block.get("alt"))}
            return "image", {**value, "caption": french(block.get("caption", ""))}
        if kind == "quote":
            return "quote", {"text": french(block["quote"]), "attribution": french(block.get("by", ""))}
        if kind == "document":
            document = self.documents[block["document"]]
            return "document", {"document": document.pk, "title": french(block.get("label", ""))}
        if kind == "accordion":
            items = [
                {"question": french(i["question"]), "answer": rich_text(i["answer"])} for i in block["items"]
            ]
            return "accordion", {"title": french(block["accordion"]), "items": items}
        if kind == "button":
            link = self.link(block["button"], block["link"])
            return "call_to_action", {"text": french(block.get("text", "")), "link": link}
        if kind == "video":
            return "video", {
                "title": french(block["video"]),
                "url": block["url"],
                "platform": block.get("platform", ""),
                "transcript": french(block.get("transcript", "")),
            }
        raise DemoDataError(f"Bloc inconnu dans {where} : {kind}")

    def image_value(self, key, alt=None):
        image = self.images[key]
        return {"image": image.pk, "alt_text": french(alt) if alt else image.description, "decorative": False}

    def link(self, label, target):
        """A LinkBlock value: a demo page by its path ("/nous-connaitre/"), a path of the site
        with a query string ("/ressources/?cycle=cycle-1"), or a full address."""
        if target.startswith("/") and "?" not in target:
            return {"label": french(label), "page": self.page_at(target).pk, "url": ""}
        return {"label": french(label), "page": None, "url": target}


# --- dates ------------------------------------------------------------------------------------


def working_day(day, today):
    """`day`, or if it falls on a weekend the Friday before it (in the past) or the Monday
    after it (to come), so that a date never crosses today."""
    if day.weekday() < 5:
        return day
    if day < today:
        return day - datetime.timedelta(days=day.weekday() - 4)
    return day + datetime.timedelta(days=7 - day.weekday())


def add_months(day, months):
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)


def month_name(day):
    return date_format(day, "F")


def school_year(day):
    """ "2025-2026" for a day from September 2025 to August 2026."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"
