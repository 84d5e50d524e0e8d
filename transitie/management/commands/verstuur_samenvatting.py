"""The daily run of the notifications (cron or a systemd timer, see README): the due and overdue
toezeggingen and milestones, then one digest mail per person who chose the daily digest, put in
the worker's queue. Safe to run twice: nothing is notified or sent twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.meldingen.services import samenvattingen_enqueue
from drechtsteden.services import system_user
from transitie.meldingen import termijnen_meld


class Command(BaseCommand):
    help = _(
        "Meldt toezeggingen en mijlpalen die (bijna) te laat zijn en zet de dagelijkse "
        "samenvattingen klaar voor de worker."
    )

    def handle(self, *args, **options):
        meldingen = termijnen_meld(today=timezone.localdate(), acting_user=system_user())
        samenvattingen = samenvattingen_enqueue()
        self.stdout.write(
            _("%(meldingen)s nieuwe termijnmeldingen; %(samenvattingen)s samenvattingen klaar.")
            % {"meldingen": meldingen, "samenvattingen": samenvattingen}
        )
