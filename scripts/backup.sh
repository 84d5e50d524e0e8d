#!/usr/bin/env bash
# Back up the Regieportaal's database named by DATABASE_URL (see docs/beheer.md).
#
#   scripts/backup.sh [BESTAND]
#
# SQLite: an online copy through SQLite's backup API (consistent while the portal runs), checked
# with PRAGMA integrity_check. PostgreSQL: pg_dump in custom format (-Fc), checked with
# pg_restore --list. Either way a BESTAND.sha256 is written next to the backup.
source "$(dirname "${BASH_SOURCE[0]}")/_db.sh"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
if [ "$DB_ENGINE" = sqlite ]; then
    doel="${1:-$ROOT/backups/regieportaal-$stamp.sqlite3}"
else
    doel="${1:-$ROOT/backups/regieportaal-$stamp.dump}"
fi
[ -e "$doel" ] && fout "$doel bestaat al; kies een andere naam"
mkdir -p "$(dirname "$doel")"

if [ "$DB_ENGINE" = sqlite ]; then
    [ -f "$DB_NAME" ] || fout "SQLite-bestand $DB_NAME bestaat niet"
    "$PYTHON" - "$DB_NAME" "$doel" <<'PY'
import re
import sqlite3
import sys

bron = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
doel = sqlite3.connect(sys.argv[2])
with doel:
    bron.backup(doel)
# The CHECK constraints use Django's REGEXP function; integrity_check verifies them too.
doel.create_function("REGEXP", 2, lambda p, s: s is not None and bool(re.search(p, str(s))))
uitkomst = doel.execute("PRAGMA integrity_check").fetchone()[0]
doel.close()
bron.close()
if uitkomst != "ok":
    sys.exit(f"FOUT: de kopie is niet in orde: {uitkomst}")
PY
else
    pg_dump --format=custom --no-owner --no-privileges --file="$doel" ||
        { rm -f "$doel"; fout "pg_dump van database $PGDATABASE is mislukt"; }
    pg_restore --list "$doel" >/dev/null || fout "de dump $doel is niet leesbaar"
fi
checksum_write "$doel"
echo "Back-up gemaakt: $doel ($(du -h "$doel" | cut -f1))"
