"""Loads the region's facts from the raadsinformatiebrief and, with --demo, the demo data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from drechtsteden.models import Gemeente
from thema.models import Activiteit, Thema
from transitie import seed
from transitie.financien.models import Begroting
from transitie.plan.models import Aanbeveling
from transitie.regiekamer.models import Regiekamer


class Command(BaseCommand):
    help = (
        "Laadt de gemeenten, regiekamers, het transitieplan en de Groeiagenda-begroting uit de "
        "raadsinformatiebrief; met --demo ook demodata en demo-accounts. Twee keer draaien "
        "verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Ook demothema's, -activiteiten en demo-accounts (wachtwoord 'demo') laden; "
            "alleen met DEBUG aan.",
        )

    def handle(self, *args, demo: bool, **options):
        if demo and not settings.DEBUG:
            raise CommandError(
                _(
                    "--demo maakt accounts met het wachtwoord 'demo' aan en kan alleen met DEBUG "
                    "aan (DJANGO_DEBUG=true). Laad zonder --demo alleen de feiten uit de brief."
                )
            )
        verslag = seed.load(demo=demo)
        self._summary(verslag, demo=demo)

    def _summary(self, verslag: seed.Verslag, *, demo: bool) -> None:
        out = self.stdout.write
        if verslag.leeg:
            out(_("Niets gewijzigd: alles stond er al."))
        for kop, teller in (
            (_("Nieuw"), verslag.aangemaakt),
            (_("Bijgewerkt"), verslag.gewijzigd),
            (_("Koppelingen toegevoegd aan"), verslag.gekoppeld),
        ):
            if teller:
                regels = ", ".join(f"{aantal} {naam}" for naam, aantal in sorted(teller.items()))
                out(f"{kop}: {regels}.")
        begrotingen = ", ".join(
            f"{b.jaar}{_(' (budgetneutraal voortgezet)') if b.budgetneutraal else ''}"
            for b in Begroting.objects.order_by("jaar")
        )
        out(
            _(
                "In de database: %(zeven)s Drechtsteden en %(partners)s partnergemeente(n), "
                "%(kamers)s regiekamers, %(aanbevelingen)s aanbevelingen in het transitieplan "
                "(uiterlijk 1 juli 2025), begrotingen %(begrotingen)s."
            )
            % {
                "zeven": Gemeente.objects.filter(is_drechtstad=True).count(),
                "partners": Gemeente.objects.filter(is_drechtstad=False).count(),
                "kamers": Regiekamer.objects.count(),
                "aanbevelingen": Aanbeveling.objects.count(),
                "begrotingen": begrotingen,
            }
        )
        if demo:
            out(
                _("Demodata: %(themas)s thema's met %(activiteiten)s activiteiten.")
                % {
                    "themas": Thema.objects.filter(is_demo=True).count(),
                    "activiteiten": Activiteit.objects.filter(is_demo=True).count(),
                }
            )
            out(
                self.style.SUCCESS(
                    _(
                        "Inloggen met wachtwoord 'demo' als 'beheerder', of per gemeente als "
                        "ambtenaar-, wethouder-, regisseur- of raadslid-<gemeente>, bijvoorbeeld "
                        "'wethouder-dordrecht'."
                    )
                )
            )
