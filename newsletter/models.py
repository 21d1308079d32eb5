import datetime
import uuid

from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.db.models.functions import Lower, TruncWeek
from django.utils import timezone

from newsletter.consent import CURRENT_CONSENT_VERSION

PENDING_RETENTION = datetime.timedelta(days=30)


class EmailKind(models.TextChoices):
    """The emails a request for the newsletter sends (newsletter/emails.py)."""

    CONFIRM = "confirm", "Lien de confirmation"
    ALREADY_SUBSCRIBED = "already_subscribed", "Déjà inscrit"


class SubscriberQuerySet(models.QuerySet):
    def with_email(self, email: str) -> "SubscriberQuerySet":
        """Case-insensitive match, served by the unique index on Lower(email)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def with_status(self, status: str | None) -> "SubscriberQuerySet":
        return self.filter(status=status) if status else self

    def stale_pending(self, now=None) -> "SubscriberQuerySet":
        """Pending addresses whose last confirmation request is older than 30 days."""
        cutoff = (now or timezone.now()) - PENDING_RETENTION
        return self.filter(status=Subscriber.Status.PENDING, requested_at__lt=cutoff)

    def counts_by_status(self) -> dict[str, int]:
        """Every status with its count, zeros included, in one query."""
        counts = dict.fromkeys(Subscriber.Status.values, 0)
        for row in self.order_by().values("status").annotate(n=Count("pk")):
            counts[row["status"]] = row["n"]
        return counts

    def weekly_signups(self, weeks: int = 26, now=None) -> list[tuple[datetime.date, int]]:
        """(Monday, signups that week) for the last `weeks` weeks, oldest first, in one query."""
        today = timezone.localdate(now or timezone.now())
        this_monday = today - datetime.timedelta(days=today.weekday())
        first_monday = this_monday - datetime.timedelta(weeks=weeks - 1)
        start = timezone.make_aware(datetime.datetime.combine(first_monday, datetime.time.min))
        rows = (
            self.filter(created_at__gte=start)
            .annotate(week=TruncWeek("created_at"))
            .order_by()
            .values("week")
            .annotate(n=Count("pk"))
        )
        by_week = {}
        for row in rows:
            week = row["week"]
            day = timezone.localdate(week) if isinstance(week, datetime.datetime) else week
            by_week[day] = by_week.get(day, 0) + row["n"]
        return [
            (monday, by_week.get(monday, 0))
            for monday in (first_monday + datetime.timedelta(weeks=i) for i in range(weeks))
        ]


class SubscriberManager(models.Manager.from_queryset(SubscriberQuerySet)):
    def get_for_request(self, email: str, consent_page: str = "") -> "Subscriber":
        """The subscriber for `email`, locked until the end of the caller's transaction; created
        pending if new, with the consent just given (wording version, page, time) as its first
        proof, which later requests never overwrite (each is a SubscriptionRequest beside it).

        Two simultaneous requests for a new address meet the unique index: the loser reads the
        winner's row.
        """
        subscriber = self.with_email(email).select_for_update().first()
        if subscriber is not None:
            return subscriber
        now = timezone.now()
        try:
            with transaction.atomic():
                return self.create(
                    email=email,
                    created_at=now,
                    requested_at=now,
                    consent_version=CURRENT_CONSENT_VERSION,
                    consent_page=consent_page,
                )
        except IntegrityError:
            return self.with_email(email).select_for_update().get()


class Subscriber(models.Model):
    """An address that asked for the newsletter. Personal data: keep only this."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente de confirmation"
        CONFIRMED = "confirmed", "Confirmé"
        UNSUBSCRIBED = "unsubscribed", "Désinscrit"

    email = models.EmailField("adresse e-mail", max_length=254)
    # Names the subscriber in signed links: random, so that a link tells nothing
    # about how many subscribers there are, and the email never appears in a URL.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        "statut", max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField("inscrit le", default=timezone.now, db_index=True)
    # The last time a confirmation was asked for: the 30-day purge counts from it.
    requested_at = models.DateTimeField("dernière demande le", default=timezone.now)
    confirmed_at = models.DateTimeField("confirmé le", null=True, blank=True)
    # Unsubscribed means no email of any kind until the subscriber, from a link of ours, asks
    # again (newsletter/subscriptions.py): the signup form alone cannot lift it.
    unsubscribed_at = models.DateTimeField("désinscrit le", null=True, blank=True)
    # The first consent given, kept as it was; later requests are SubscriptionRequest rows.
    consent_version = models.CharField("version du consentement", max_length=20)
    consent_page = models.CharField("page du consentement", max_length=300, blank=True)

    objects = SubscriberManager()

    class Meta:
        verbose_name = "abonné"
        verbose_name_plural = "abonnés"
        ordering = ["-created_at", "-pk"]
        # Only erasing and exporting make sense: subscribers come from the double
        # opt-in alone, never typed in by staff (no consent to prove then).
        default_permissions = ("delete",)
        permissions = [("export_subscriber", "Peut exporter les abonnés")]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    def confirm(self) -> bool:
        """Confirm unless already confirmed; True when this call did it."""
        now = timezone.now()
        done = (
            Subscriber.objects.filter(pk=self.pk)
            .exclude(status=self.Status.CONFIRMED)
            .update(status=self.Status.CONFIRMED, confirmed_at=now, unsubscribed_at=None)
        )
        if done:
            self.status, self.confirmed_at, self.unsubscribed_at = self.Status.CONFIRMED, now, None
        return bool(done)

    def unsubscribe(self) -> bool:
        """Unsubscribe unless already unsubscribed; True when this call did it."""
        now = timezone.now()
        done = (
            Subscriber.objects.filter(pk=self.pk)
            .exclude(status=self.Status.UNSUBSCRIBED)
            .update(status=self.Status.UNSUBSCRIBED, unsubscribed_at=now)
        )
        if done:
            self.status, self.unsubscribed_at = self.Status.UNSUBSCRIBED, now
        return bool(done)


class SubscriptionRequest(models.Model):
    """A request for the newsletter that queued an email to the address, with the consent given
    then (wording version, page, time), kept beside the subscriber's first one. The emails an
    address is sent are counted from these rows (newsletter/subscriptions.py)."""

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name="abonné",
        db_index=False,  # the index below starts with it
    )
    requested_at = models.DateTimeField("demandé le", default=timezone.now)
    consent_version = models.CharField("version du consentement", max_length=20)
    consent_page = models.CharField("page du consentement", max_length=300, blank=True)
    email_kind = models.CharField("courriel envoyé", max_length=20, choices=EmailKind.choices)

    class Meta:
        verbose_name = "demande d’inscription"
        verbose_name_plural = "demandes d’inscription"
        ordering = ["-requested_at", "-pk"]
        default_permissions = ()
        indexes = [models.Index(fields=["subscriber", "requested_at"], name="newsletter_request_recent")]

    def __str__(self):
        return f"Demande du {self.requested_at:%d/%m/%Y %H:%M}"


class FailedEmail(models.Model):
    """An email given up on: refused by the mail server (a 5xx answer), or still failing after
    the last retry. Listed in the admin, where staff can send it again; one row per subscriber
    and kind of email, the last failure's."""

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="failed_emails",
        verbose_name="abonné",
        db_index=False,  # the unique constraint below starts with it
    )
    email_kind = models.CharField("courriel", max_length=20, choices=EmailKind.choices)
    failed_at = models.DateTimeField("échec le", default=timezone.now, db_index=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=1)
    refused = models.BooleanField("refusé par le serveur", default=False)
    error = models.CharField("erreur", max_length=1000)

    class Meta:
        verbose_name = "courriel en échec"
        verbose_name_plural = "courriels en échec"
        ordering = ["-failed_at", "-pk"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "email_kind"], name="newsletter_failed_email_once"),
        ]

    def __str__(self):
        return f"{self.get_email_kind_display()} à {self.subscriber}"

    @property
    def cause(self) -> str:
        if self.refused:
            return "Refusé par le serveur de messagerie"
        return f"Toujours en échec après {self.attempts}\u00a0tentatives"
