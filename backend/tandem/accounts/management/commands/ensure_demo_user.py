"""Development convenience: a ready account, printed by `make run`."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand

from tandem.accounts.models import User

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "tandem-demo-password"  # noqa: S105  (development only, printed on start)


class Command(BaseCommand):
    help = "Create the demo account (development only; refuses when DEBUG is off)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo account is created.")
            return
        user = User.objects.filter(email=DEMO_EMAIL).first()
        if user is None:
            user = User.objects.create_user(email=DEMO_EMAIL, password=DEMO_PASSWORD, name="Demo")
            EmailAddress.objects.create(user=user, email=DEMO_EMAIL, primary=True, verified=True)
        self.stdout.write(f"  Demo account: {DEMO_EMAIL} / {DEMO_PASSWORD}")
