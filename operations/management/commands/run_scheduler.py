import signal

from django.core.management.base import BaseCommand

from operations.scheduler import Scheduler, jobs_from_settings, make_lock


class Command(BaseCommand):
    help = (
        "Runs the periodic jobs of settings.SCHEDULED_JOBS (publish_scheduled every minute, the "
        "nightly clean-ups) until stopped. Run one per site; a second one stands by."
    )

    def handle(self, *args, **options):
        scheduler = Scheduler(jobs_from_settings(), make_lock())
        signal.signal(signal.SIGTERM, scheduler.stop)
        signal.signal(signal.SIGINT, scheduler.stop)
        scheduler.run_forever()
