from django.core.management.base import BaseCommand

from certificates import learning_records_outbox as outbox


class Command(BaseCommand):
    help = (
        "Sends the xAPI statements whose next try is due to the Learning Record Store (run by "
        "cron every few minutes), then reports how many are sent, waiting and given up."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="First give the statements left for an administrator a fresh set of tries.",
        )

    def handle(self, *args, retry_failed=False, **options):
        if not outbox.enabled():
            self.stdout.write("Learning records are off (HIMAYA_XAPI_ENDPOINT is not set).")
            return
        if retry_failed:
            self.stdout.write(f"{outbox.retry_given_up()} statement(s) to try again.")
        run = outbox.send_due()
        state = outbox.state()
        self.stdout.write(
            f"{run.sent} statement(s) sent now, {run.failed} failed. "
            f"In all: {state.sent} sent, {state.waiting} waiting, {state.given_up} given up."
        )
