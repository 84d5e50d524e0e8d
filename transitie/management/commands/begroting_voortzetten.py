"""Continue a year's Groeiagenda budget budget-neutrally into the next year."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from drechtsteden.services import system_user
from transitie.financien.models import Begroting
from transitie.financien.services import begroting_voortzetten


class Command(BaseCommand):
    help = _("Zet de begroting van een jaar budgetneutraal voort in het volgende jaar.")

    def add_arguments(self, parser):
        parser.add_argument("jaar", type=int, help=_("het jaar dat wordt voortgezet, bijv. 2024"))

    def handle(self, *args, jaar: int, **options):
        begroting = Begroting.objects.filter(jaar=jaar).first()
        if begroting is None:
            raise CommandError(_("Er is geen begroting voor %(jaar)s.") % {"jaar": jaar})
        try:
            voortzetting = begroting_voortzetten(begroting=begroting, acting_user=system_user())
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from fout
        self.stdout.write(
            _("%(naam)s aangemaakt met %(aantal)s posten.")
            % {"naam": voortzetting.naam, "aantal": voortzetting.posten.count()}
        )
