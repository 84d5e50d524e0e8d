# Shared by backup.sh and restore.sh: reads DATABASE_URL the way drechtsteden/settings.py does.
# Sets DB_ENGINE (sqlite or postgres) and, for SQLite, DB_NAME (the file); for PostgreSQL the
# standard libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"

fout() {
    echo "FOUT: $*" >&2
    exit 1
}

eval "$(DATABASE_URL="${DATABASE_URL:-sqlite:///$ROOT/db.sqlite3}" "$PYTHON" - <<'PY'
import os
import shlex

import dj_database_url

config = dj_database_url.config()
engine = config["ENGINE"]
values = {}
if engine.endswith("sqlite3"):
    values = {"DB_ENGINE": "sqlite", "DB_NAME": config["NAME"]}
elif engine.endswith("postgresql"):
    values = {
        "DB_ENGINE": "postgres",
        "PGHOST": config.get("HOST") or "",
        "PGPORT": str(config.get("PORT") or ""),
        "PGUSER": config.get("USER") or "",
        "PGPASSWORD": config.get("PASSWORD") or "",
        "PGDATABASE": config["NAME"],
    }
else:
    values = {"DB_ENGINE": engine}
for name, value in values.items():
    if not value:
        continue  # libpq's own default (for example the local socket) applies
    print(f"{name}={shlex.quote(str(value))}")
    if name.startswith("PG"):
        print(f"export {name}")
PY
)"

case "$DB_ENGINE" in
    sqlite | postgres) ;;
    *) fout "databasesoort '$DB_ENGINE' wordt niet ondersteund (alleen SQLite en PostgreSQL)" ;;
esac

# SHA-256 of a file, written next to it as <file>.sha256 and checked before a restore.
checksum_write() {
    (cd "$(dirname "$1")" && sha256sum "$(basename "$1")" >"$(basename "$1").sha256")
}

checksum_check() {
    if [ -f "$1.sha256" ]; then
        (cd "$(dirname "$1")" && sha256sum --check --quiet "$(basename "$1").sha256") ||
            fout "controlegetal van $1 klopt niet: de back-up is beschadigd"
    else
        echo "Let op: geen $1.sha256 gevonden, de back-up is niet op beschadiging gecontroleerd." >&2
    fi
}
