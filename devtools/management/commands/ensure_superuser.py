"""Make sure the `admin` account exists, for a local run.

The password comes from DJANGO_SUPERUSER_PASSWORD; without it, a random one
is generated and printed once, when the account is created. An existing
account is left as it is (its password is never reset behind its owner).
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Crée le compte administrateur « admin » s'il n'existe pas encore."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Le compte « {username} » existe déjà.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            self.stdout.write(self.style.SUCCESS(f"Compte « {username} » créé."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Compte « {username} » créé, mot de passe : {password}\n"
                    "Notez-le : il ne sera plus affiché."
                )
            )
