"""An administrator enrols an editor's authenticator app: the only way to a first second factor.

    manage.py enrol_editor <username> [--name phone] [--replace]

Prints the otpauth:// address and its secret once, on this terminal: hand them to the editor in person (they type
the secret into their authenticator app, or the administrator shows the address as a QR code from a trusted
machine), then the editor signs in with their password and the app's code. The device is stored confirmed.
"""

import base64

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Enrol an editor's authenticator app (the second factor) and print its secret once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator", help="what the editor calls the device")
        parser.add_argument("--replace", action="store_true",
                            help="remove the editor's existing authenticators first (a lost phone)")

    def handle(self, username, name, replace, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        existing = TOTPDevice.objects.filter(user=user)
        if existing.exists() and not replace:
            raise CommandError(f"{username} already has an authenticator; add --replace if it was lost.")
        existing.delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        secret = device.bin_key
        self.stdout.write(f"Authenticator enrolled for {username}. Give them, in person, once:")
        self.stdout.write(f"  secret: {base64.b32encode(secret).decode().rstrip('=')}")
        self.stdout.write(f"  address: {device.config_url}")
