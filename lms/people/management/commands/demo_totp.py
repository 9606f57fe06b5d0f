import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.people.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Prints the current six-digit code of the demo staff accounts' authenticator."

    def handle(self, *args, **options):
        if settings.HIMAYA_ENVIRONMENT == "production":
            raise CommandError("demo_totp refuses to run with production settings.")
        period = 30
        now = int(time.time())
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // period))
        self.stdout.write(f"{code}  (valid for {period - now % period} more seconds)")
