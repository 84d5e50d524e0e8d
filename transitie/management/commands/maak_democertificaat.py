"""Makes the self-signed demo certificate that signs the letters when DEBUG is on."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from drechtsteden.checks import DEMO_ONDERTEKENING_WACHTWOORD
from transitie.brieven.ondertekening import certificaat_maak


class Command(BaseCommand):
    help = (
        "Maakt het zelfondertekende democertificaat (demo-certificaat/ondertekening.p12) waarmee "
        "het portaal met DEBUG aan de brieven ondertekent. Een bestaand certificaat blijft staan, "
        "tenzij --opnieuw."
    )

    # Its own check (drechtsteden.W006: no certificate yet) is what this command repairs.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--opnieuw", action="store_true", help="Vervang een bestaand democertificaat."
        )
        parser.add_argument(
            "--pad",
            metavar="BESTAND",
            help=(
                "Schrijf het democertificaat naar dit bestand, los van de instellingen (voor een "
                "benchmark of test die het portaal met DEBUG uit draait)."
            ),
        )

    def handle(self, *args, **options):
        if options["pad"]:
            certificaat_maak(Path(options["pad"]))
            self.stdout.write(self.style.SUCCESS(f"Democertificaat gemaakt: {options['pad']}"))
            return
        pad = Path(settings.ONDERTEKENING_PKCS12)
        if not settings.DEBUG or settings.ONDERTEKENING_WACHTWOORD != DEMO_ONDERTEKENING_WACHTWOORD:
            # `make seed` runs this everywhere; a configured certificate is left alone.
            self.stdout.write(
                "Geen democertificaat nodig: het portaal ondertekent met het ingestelde "
                f"certificaat ({pad or 'DJANGO_ONDERTEKENING_PKCS12'})."
            )
            return
        if pad.is_file() and not options["opnieuw"]:
            self.stdout.write(f"Het democertificaat staat er al: {pad}")
            return
        certificaat_maak(pad)
        self.stdout.write(self.style.SUCCESS(f"Democertificaat gemaakt: {pad}"))
