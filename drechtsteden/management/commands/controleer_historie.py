"""Verifies the audit log's hash chain and names the first broken link; indexes unindexed rows."""

from django.core.management.base import BaseCommand, CommandError

from drechtsteden.historie.keten import chain_index_missing, chain_verify


class Command(BaseCommand):
    help = (
        "Controleert de hashketen van de historie: elke historierij tegen haar hash en die van de "
        "vorige. Meldt de eerste gebroken schakel en eindigt dan met een foutcode."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--indexeer",
            action="store_true",
            help=(
                "Neem eerst historierijen zonder indexregel op in de keten (eenmalig nodig voor "
                "een database die al historie had voordat de keten bestond)."
            ),
        )

    def handle(self, *args, indexeer: bool = False, **options):
        if indexeer:
            count = chain_index_missing()
            self.stdout.write(f"{count} historierij(en) aan de keten toegevoegd.")
        checked, breuk = chain_verify()
        if breuk is not None:
            raise CommandError(
                f"Keten gebroken na {checked} goede schakel(s). Eerste gebroken schakel: {breuk}"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Keten intact: {checked} historierij(en) gecontroleerd.")
        )
