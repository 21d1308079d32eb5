"""Remove a member's second factor from the command line: for the last superuser who lost
their phone and their recovery codes, with no other superuser to do it from the admin."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log

from accounts import devices
from accounts.views import RESET_ACTION


class Command(BaseCommand):
    help = "Réinitialise la validation en deux étapes d’un compte (il la configurera de nouveau)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            member = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as error:
            raise CommandError(f"Aucun compte « {username} ».") from error
        with transaction.atomic():
            removed = devices.remove(member)
            log(instance=member, action=RESET_ACTION, data={"devices": removed, "from": "manage.py"})
        self.stdout.write(
            f"Validation en deux étapes de « {username} » réinitialisée ({removed} appareil(s))."
        )
