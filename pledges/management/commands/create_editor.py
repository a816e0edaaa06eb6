import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pledges.roles import EDITORS, ensure_editor_group


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = (
        "Skapar en redaktör: inloggning till administrationen i gruppen Redaktörer, utan "
        "superanvändarrätt. Lösenordet frågas efter, eller läses från standard in med "
        "--password-stdin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-stdin", action="store_true")

    def handle(self, *args, username, email, password_stdin, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"användaren {username!r} finns redan")
        if password_stdin:
            password = options.get("stdin", sys.stdin).readline().rstrip("\n")
        else:
            password = getpass.getpass("Lösenord: ")
            if password != getpass.getpass("Lösenord igen: "):
                raise CommandError("lösenorden är olika")
        user = User(username=username, email=email, is_staff=True, is_superuser=False)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("lösenordet duger inte: " + " ".join(exc.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(ensure_editor_group())
        self.stdout.write(self.style.SUCCESS(f"Redaktören {username} skapad i gruppen {EDITORS}."))
