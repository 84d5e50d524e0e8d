"""Verifies the audit log: the keyed chain, the anchor outside the database and the live rows.

Names the first broken link and ends with exit code 1. Every run writes the chain's head (count
and last hash) to the security log, so the log kept elsewhere anchors the chain too.
"""

import logging
import os

from django.core.management.base import BaseCommand, CommandError

from drechtsteden.historie.keten import (
    KetenFout,
    anchor_verify,
    anchor_write,
    anchors_read,
    chain_head,
    chain_index_missing,
    chain_rekey,
    chain_verify,
    checks,
)

security_log = logging.getLogger("regieportaal.security")

OUDE_SLEUTEL = "DJANGO_HISTORIE_SLEUTEL_OUD"


class Command(BaseCommand):
    help = (
        "Controleert de historie: de gesleutelde hashketen (elke historierij en indexregel tegen "
        "haar hash en die van de vorige), een bewaard anker, en of elke levende rij gelijk is aan "
        "haar laatste historierij. Meldt de eerste gebroken schakel en eindigt dan met een "
        "foutcode. Schrijft de kop van de keten (aantal en laatste hash) in het beveiligingslog."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--indexeer",
            action="store_true",
            help=(
                "Neem eerst historierijen zonder indexregel op, achteraan de keten; alleen "
                "historie die nieuwer is dan de laatste schakel. Bouwt nooit een keten opnieuw op."
            ),
        )
        parser.add_argument(
            "--eerste-opbouw",
            action="store_true",
            help=(
                "Met --indexeer: bouw de keten over een lege index (alleen voor een database "
                "waarvan de historie van vóór de keten is). Wordt in het beveiligingslog gemeld."
            ),
        )
        parser.add_argument(
            "--sleutel-wissel",
            action="store_true",
            help=(
                f"Zet de hele keten om naar DJANGO_HISTORIE_SLEUTEL, na controle onder de oude "
                f"sleutel uit {OUDE_SLEUTEL} (of 'sha256-zonder-sleutel' voor de keten van vóór "
                "de sleutel). Schrijf daarna een nieuw anker."
            ),
        )
        parser.add_argument(
            "--anker",
            metavar="BESTAND",
            help="Vergelijk de keten met elk anker in dit bestand (van --anker-schrijf).",
        )
        parser.add_argument(
            "--anker-schrijf",
            metavar="BESTAND",
            help="Voeg na een geslaagde controle de kop als anker aan dit bestand toe.",
        )

    def handle(self, *args, **options):
        try:
            self._prepare(options)
        except KetenFout as fout:
            raise CommandError(str(fout)) from fout
        # The head before the check: an anchor written afterwards names a link that was checked.
        kop = chain_head()
        checked, breuk = chain_verify()
        gedaan = ["keten"]
        if breuk is None and options["anker"]:
            try:
                ankers = anchors_read(options["anker"])
            except KetenFout as fout:
                raise CommandError(str(fout)) from fout
            breuk = anchor_verify(ankers)
            gedaan.append(f"{len(ankers)} anker(s)")
        for naam, check in checks():
            if breuk is not None:
                break
            breuk = check()
            gedaan.append(naam)
        security_log.info(
            "historie-anker aantal=%s laatste_id=%s kop=%s uitslag=%s",
            kop.aantal,
            kop.laatste_id,
            kop.kop or "-",
            "intact" if breuk is None else "gebroken",
        )
        if breuk is not None:
            security_log.warning("historie gebroken: %s", breuk)
            raise CommandError(
                f"Keten gebroken na {checked} goede schakel(s). Eerste gebroken schakel: {breuk}"
            )
        if options["anker_schrijf"]:
            anchor_write(options["anker_schrijf"], kop)
        self.stdout.write(
            self.style.SUCCESS(
                f"Keten intact: {checked} historierij(en) gecontroleerd; kop {kop.kop or '-'}."
            )
        )
        self.stdout.write(f"Gecontroleerd: {', '.join(gedaan)}.")

    def _prepare(self, options) -> None:
        if options["eerste_opbouw"] and not options["indexeer"]:
            raise KetenFout("--eerste-opbouw hoort bij --indexeer.")
        if options["sleutel_wissel"]:
            oude = os.environ.get(OUDE_SLEUTEL, "")
            if not oude:
                raise KetenFout(f"Voor --sleutel-wissel staat de oude sleutel in {OUDE_SLEUTEL}.")
            count = chain_rekey(oude_sleutel=oude)
            security_log.warning("historie sleutelwissel: %s schakel(s) opnieuw gesleuteld", count)
            self.stdout.write(f"{count} schakel(s) onder de nieuwe sleutel gezet.")
        if options["indexeer"]:
            count = chain_index_missing(eerste_opbouw=options["eerste_opbouw"])
            if options["eerste_opbouw"]:
                security_log.warning("historie eerste opbouw: %s historierij(en)", count)
            self.stdout.write(f"{count} historierij(en) aan de keten toegevoegd.")
