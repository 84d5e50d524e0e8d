#!/usr/bin/env bash
# Restore a backup made by backup.sh into the database named by DATABASE_URL (see docs/beheer.md).
#
#   scripts/restore.sh BESTAND [--overschrijven]
#
# Stop the portal first. The target must be empty (a new SQLite file, or a PostgreSQL database
# made with createdb); --overschrijven replaces a database that already holds tables.
source "$(dirname "${BASH_SOURCE[0]}")/_db.sh"

bestand="${1:-}"
[ -n "$bestand" ] || fout "gebruik: scripts/restore.sh BESTAND [--overschrijven]"
[ -f "$bestand" ] || fout "back-up $bestand bestaat niet"
overschrijven="${2:-}"
checksum_check "$bestand"

if [ "$DB_ENGINE" = sqlite ]; then
    "$PYTHON" - "$bestand" "$DB_NAME" "$overschrijven" <<'PY'
import os
import re
import sqlite3
import sys

bestand, doel, overschrijven = sys.argv[1:4]
if os.path.exists(doel) and os.path.getsize(doel) > 0 and overschrijven != "--overschrijven":
    heeft_tabellen = sqlite3.connect(doel).execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
    ).fetchone()[0]
    if heeft_tabellen:
        sys.exit(f"FOUT: {doel} bevat al tabellen; gebruik --overschrijven om te vervangen")
tijdelijk = f"{doel}.herstel"
if os.path.exists(tijdelijk):
    os.remove(tijdelijk)
bron = sqlite3.connect(f"file:{bestand}?mode=ro", uri=True)
kopie = sqlite3.connect(tijdelijk)
with kopie:
    bron.backup(kopie)
# The CHECK constraints use Django's REGEXP function; integrity_check verifies them too.
kopie.create_function("REGEXP", 2, lambda p, s: s is not None and bool(re.search(p, str(s))))
uitkomst = kopie.execute("PRAGMA integrity_check").fetchone()[0]
kopie.close()
bron.close()
if uitkomst != "ok":
    os.remove(tijdelijk)
    sys.exit(f"FOUT: de herstelde database is niet in orde: {uitkomst}")
os.replace(tijdelijk, doel)  # atomic: the old file stays whole until the new one is complete
PY
    echo "Hersteld: $bestand -> $DB_NAME"
else
    tabellen="$(psql -XtAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" ||
        fout "database $PGDATABASE is niet bereikbaar; maak hem eerst met createdb"
    if [ "$tabellen" != 0 ] && [ "$overschrijven" != --overschrijven ]; then
        fout "database $PGDATABASE bevat al $tabellen tabellen; gebruik --overschrijven om te vervangen"
    fi
    pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
        --dbname="$PGDATABASE" "$bestand" || fout "pg_restore naar $PGDATABASE is mislukt"
    echo "Hersteld: $bestand -> PostgreSQL-database $PGDATABASE"
fi
