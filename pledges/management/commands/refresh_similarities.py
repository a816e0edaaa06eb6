import time

from django.core.management.base import BaseCommand, CommandError

from pledges.locking import ImportBusy, one_import_at_a_time
from pledges.similarity import refresh_similarities


class Command(BaseCommand):
    help = (
        "Räknar om alla länkar mellan liknande löften, ämne för ämne, med ordens vikter från "
        "hela landet. En import räknar bara om det som ändrades; kör detta t.ex. varje natt så "
        "att vikterna hålls jämna. Väntar på en pågående import."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            with one_import_at_a_time(self.stderr.write):
                links = refresh_similarities()
        except ImportBusy as exc:
            raise CommandError(str(exc)) from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"{links} länkar mellan liknande löften på {seconds:.1f} s.")
        )
