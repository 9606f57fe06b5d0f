from django.core.management.base import BaseCommand

from certificates import services


class Command(BaseCommand):
    help = "Emails the 60-, 30- and 7-day expiry reminders that are due (each is sent once)."

    def handle(self, *args, **options):
        sent = services.send_expiry_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
