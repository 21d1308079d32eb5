import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter.models import EmailKind, FailedEmail, Subscriber
from newsletter.tasks import send_subscription_email

# A task claimed this many times by workers that all died with it is not tried again.
MAX_CLAIMS = 3
STUCK_ERROR = "Le processus de travail s'est arrêté pendant la tâche ({claims} fois)."


class Command(BaseCommand):
    help = (
        "Remet en file les tâches de fond (django-tasks-db) restées « en cours » au-delà d'un délai : "
        "leur processus de travail s'est arrêté en pleine tâche. Après "
        f"{MAX_CLAIMS} arrêts, la tâche est marquée en échec (et un courriel de la lettre "
        "d'information rejoint la liste des courriels en échec). À lancer toutes les quelques minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=15,
            help="Délai après lequel une tâche en cours est tenue pour abandonnée (par défaut : 15).",
        )
        parser.add_argument("--backend", help="Seulement les tâches de ce backend (par défaut : tous).")
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien changer.")

    def handle(self, *args, minutes=15, backend=None, dry_run=False, **options):
        stuck = DBTaskResult.objects.running().filter(
            started_at__lt=timezone.now() - datetime.timedelta(minutes=minutes)
        )
        if backend:
            stuck = stuck.filter(backend_name=backend)
        if dry_run:
            self.stdout.write(f"{stuck.count()} tâche(s) bloquée(s) (simulation).")
            return
        requeued = failed = 0
        for result in stuck.order_by("started_at"):
            with transaction.atomic():
                # Only if no worker took it or finished it meanwhile.
                still_stuck = DBTaskResult.objects.filter(
                    pk=result.pk, status=result.status, started_at=result.started_at
                )
                if len(result.worker_ids) < MAX_CLAIMS:
                    requeued += still_stuck.update(status="READY")
                elif still_stuck.update(
                    status="FAILED",
                    finished_at=timezone.now(),
                    exception_class_path="newsletter.management.commands.requeue_stuck_tasks.WorkerLost",
                    traceback=STUCK_ERROR.format(claims=len(result.worker_ids)),
                ):
                    failed += 1
                    self.keep_failed_email(result)
        self.stdout.write(f"{requeued} tâche(s) remise(s) en file, {failed} abandonnée(s).")

    @staticmethod
    def keep_failed_email(result):
        """A newsletter email given up on this way joins the list staff can send again."""
        if result.task_path != send_subscription_email.module_path:
            return
        subscriber_id, kind, *_rest = result.args_kwargs["args"]
        subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
        if subscriber is None or kind not in EmailKind.values:
            return
        FailedEmail.objects.update_or_create(
            subscriber=subscriber,
            email_kind=kind,
            defaults={
                "failed_at": timezone.now(),
                "attempts": len(result.worker_ids),
                "refused": False,
                "error": STUCK_ERROR.format(claims=len(result.worker_ids)),
            },
        )
