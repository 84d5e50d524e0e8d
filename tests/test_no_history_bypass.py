"""No write path bypasses django-simple-history.

The project's code is read with `ast`; every QuerySet.update(), bulk_create, bulk_update, raw
delete/insert and raw SQL write on a historied model (or on its history table, or on the audit
log's index) fails this test, unless the allowlist below names it with the reason it is harmless.

QuerySet.delete() is not on the list: Django sends pre/post_delete for each object it deletes when
someone listens, and simple-history listens, so each deletion is recorded.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

from drechtsteden.historie.keten import historied_models, history_model_of
from drechtsteden.models import Historieregel

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("drechtsteden", "thema", "transitie", "benchmarks")

# (file, function) -> why the write there is harmless. A stale entry fails the test too.
ALLOWLIST = {
    ("drechtsteden/historie/keten.py", "_index_batch"): (
        "bulk_create of Historieregel: appends index rows for history rows that have none, at "
        "the end of the chain and under the chain lock; it writes the audit index, it does not "
        "change domain data or history rows"
    ),
    ("drechtsteden/historie/keten.py", "_rekey_batch"): (
        "bulk_update of Historieregel.hash/vorige_hash: the key rotation (controleer_historie "
        "--sleutel-wissel) rewrites the chain under the new key only after verifying every link "
        "under the old one, in one transaction under the chain lock; no history row changes"
    ),
    ("benchmarks/historie.py", "fill"): (
        "bulk_create of historical rows in the benchmark's own throw-away database: it writes "
        "history (200,000 rows would take minutes one save at a time), and indexes them with "
        "chain_index_missing afterwards, so the chain is whole"
    ),
}

WRITE_METHODS = {"update", "bulk_create", "bulk_update", "_raw_delete", "_insert", "_update"}
# Calls that turn a manager or queryset into a queryset: a chain with one of these is a QuerySet.
QUERYSET_METHODS = {
    "objects",
    "_default_manager",
    "_base_manager",
    "history",
    "all",
    "filter",
    "exclude",
    "order_by",
    "select_related",
    "prefetch_related",
    "select_for_update",
    "annotate",
    "alias",
    "using",
    "distinct",
    "none",
    "get_queryset",
    "values",
    "only",
    "defer",
}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
SQL_WRITE = re.compile(
    r"\b(insert\s+into|update\s+\S+\s+set|delete\s+from|truncate|alter\s+table|drop\s+table)\b",
    re.IGNORECASE,
)
SQL_EXECUTORS = {"execute", "executemany", "RunSQL", "executescript", "raw"}


def protected_models() -> dict[str, str]:
    """Class name -> why: the historied models, their history models, and the audit index."""
    names = {}
    for model in historied_models():
        names[model.__name__] = "historied model"
        names[history_model_of(model).__name__] = "history model (bypasses the hash chain)"
    names[Historieregel.__name__] = "audit index (append-only)"
    return names


def protected_tables() -> set[str]:
    tables = {Historieregel._meta.db_table}
    for model in historied_models():
        tables |= {model._meta.db_table, history_model_of(model)._meta.db_table}
    return tables


def other_models() -> set[str]:
    protected = protected_models()
    return {m.__name__ for m in apps.get_models() if m.__name__ not in protected}


@dataclass(frozen=True)
class Bypass:
    path: str
    line: int
    function: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} in {self.function}(): {self.what}"


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str, protected: dict[str, str], others: set[str], tables: set[str]):
        self.path = path
        self.protected = protected
        self.others = others
        self.tables = tables
        self.assigned: dict[str, ast.expr] = {}
        self.functions: dict[str, ast.FunctionDef] = {}
        self.function = "<module>"
        self.found: list[Bypass] = []

    # Names assigned anywhere in the module: `qs = Thema.objects.filter(...)`; `qs.update()`.
    def collect(self, tree: ast.AST) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned[target.id] = node.value
            elif (
                isinstance(node, ast.AnnAssign | ast.NamedExpr)
                and node.value is not None
                and isinstance(node.target, ast.Name)
            ):
                self.assigned[node.target.id] = node.value

    def visit_FunctionDef(self, node) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def chain(self, node: ast.expr, depth: int = 0) -> tuple[str | None, list[str]]:
        """The root name of a receiver and the attribute names along the way, with variables
        replaced by what was assigned to them."""
        attrs: list[str] = []
        while depth < 20:
            depth += 1
            if isinstance(node, ast.Call):
                node = node.func
            elif isinstance(node, ast.Attribute):
                attrs.append(node.attr)
                node = node.value
            elif isinstance(node, ast.Subscript):
                node = node.value
            elif isinstance(node, ast.Name):
                if node.id in self.assigned and node.id not in self.protected.keys() | self.others:
                    root, more = self.chain(self.assigned.pop(node.id), depth)
                    return root, attrs + more
                return node.id, attrs
            else:
                return None, attrs
        return None, attrs

    def report(self, node: ast.AST, what: str) -> None:
        self.found.append(Bypass(self.path, node.lineno, self.function, what))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if isinstance(func, ast.Attribute) and name in WRITE_METHODS:
            saved = dict(self.assigned)
            root, attrs = self.chain(func.value)
            self.assigned = saved
            is_queryset = bool(set(attrs) & QUERYSET_METHODS)
            if root in self.protected:
                if is_queryset or name != "update":
                    self.report(node, f"{root}: .{name}() ({self.protected[root]})")
            elif root in self.others:
                pass
            elif name != "update" or is_queryset:
                self.report(node, f".{name}() on a queryset of unknown model ({root or '?'})")
        if name == "update_change_reason":
            # simple-history's helper rewrites a written history row: set _change_reason instead.
            self.report(node, "update_change_reason() changes a history row after the fact")
        if name in SQL_EXECUTORS and node.args:
            self.check_sql(node, node.args[0])
        self.generic_visit(node)

    def sql_text(self, argument: ast.expr) -> str:
        """The string constants the SQL is built from, through variables and through the
        module's own functions that return it (`cursor.execute(_query(), ...)`)."""
        if isinstance(argument, ast.Name) and argument.id in self.assigned:
            argument = self.assigned[argument.id]
        if (
            isinstance(argument, ast.Call)
            and isinstance(argument.func, ast.Name)
            and argument.func.id in self.functions
        ):
            argument = self.functions[argument.func.id]
        return " ".join(_strings(argument))

    def check_sql(self, node: ast.Call, argument: ast.expr) -> None:
        text = self.sql_text(argument)
        if not text.strip():
            self.report(node, "SQL that cannot be read here")
            return
        if not SQL_WRITE.search(text):
            return
        touched = {t for t in self.tables if re.search(rf"\b{re.escape(t)}\b", text)}
        # A write whose table is put in at run time cannot be shown to spare historied tables.
        if touched or not isinstance(argument, ast.Constant):
            self.report(node, f"SQL write: {text.strip()[:80]!r}")


def _strings(node: ast.AST) -> list[str]:
    """The string constants under a node; an f-string keeps a stand-in for each value put in."""
    if isinstance(node, ast.JoinedStr):
        return [
            "".join(
                part.value if isinstance(part, ast.Constant) else "_waarde_" for part in node.values
            )
        ]
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    return [text for child in ast.iter_child_nodes(node) for text in _strings(child)]


def scan(source: str, path: str) -> list[Bypass]:
    tree = ast.parse(source)
    scanner = _Scanner(path, protected_models(), other_models(), protected_tables())
    scanner.collect(tree)
    scanner.visit(tree)
    return scanner.found


def project_files() -> list[Path]:
    return sorted(
        path
        for folder in SCANNED
        for path in (ROOT / folder).rglob("*.py")
        if ".venv" not in path.parts
    )


def test_no_write_in_the_project_bypasses_history():
    found = [
        bypass
        for path in project_files()
        for bypass in scan(path.read_text(), str(path.relative_to(ROOT)))
    ]
    unexplained = [b for b in found if (b.path, b.function) not in ALLOWLIST]
    assert not unexplained, "Writes that bypass history:\n" + "\n".join(map(str, unexplained))
    used = {(b.path, b.function) for b in found}
    stale = set(ALLOWLIST) - used
    assert not stale, f"Allowlist entries that no longer match anything: {sorted(stale)}"


def test_the_scan_reads_the_whole_project():
    paths = {str(p.relative_to(ROOT)) for p in project_files()}
    assert {
        "thema/services.py",
        "transitie/regiekamer/services.py",
        "drechtsteden/historie/keten.py",
    } <= paths


# The check itself: it must catch each kind of bypass and leave ordinary code alone.

CAUGHT = {
    "queryset update": "Thema.objects.filter(pk=1).update(naam='x')",
    "update through a variable": "qs = Activiteit.objects.all()\nqs.update(status='gestopt')",
    "manager update": "Stem.objects.update(keuze='tegen')",
    "bulk_create": "Beoordeling.objects.bulk_create([Beoordeling()])",
    "bulk_update": "Mijlpaal.objects.bulk_update(mijlpalen, ['status'])",
    "bulk_create on an unknown model": "model._default_manager.bulk_create(rows)",
    "update via get_queryset": "def f(self):\n    self.get_queryset().update(x=1)",
    "raw delete": "Besluit.objects.all()._raw_delete('default')",
    "history rows written directly": "HistoricalThema.objects.bulk_create(rows)",
    "index rows changed": "Historieregel.objects.filter(pk=1).update(hash='')",
    "raw SQL update": "cursor.execute('UPDATE thema_beoordeling SET status = %s', ['x'])",
    "raw SQL on a history table": "cursor.execute('DELETE FROM thema_historicalthema')",
    "RunSQL": "migrations.RunSQL('UPDATE transitie_stem SET keuze = 1')",
    "dynamic SQL": "cursor.execute(f'UPDATE {table} SET x = 1')",
    "a write built by a function": (
        "def _sql():\n    return 'DELETE FROM thema_thema'\ncursor.execute(_sql())"
    ),
    "SQL that cannot be read": "cursor.execute(make_sql())",
    "raw() with a write": "Stem.objects.raw('DELETE FROM transitie_stem RETURNING id')",
    "reason rewritten afterwards": "update_change_reason(thema, 'Nieuwe reden')",
}

LEFT_ALONE = {
    "dict update": "data = {}\ndata.update({'a': 1})",
    "set update": "seen = set()\nseen.update([1])",
    "a model without history": "Group.objects.filter(name='x').update(name='y')",
    "save": "thema.save()",
    "queryset delete (records history per object)": "Thema.objects.filter(pk=1).delete()",
    "advisory lock": "cursor.execute('SELECT pg_advisory_xact_lock(%s)', [1])",
    "raw() read": "Thema.objects.raw('SELECT * FROM thema_thema')",
    "a read built by a function": (
        "def _sql():\n    return f'SELECT id FROM {tabel} WHERE x = %s'\n"
        "cursor.execute(_sql(), [1])"
    ),
    "a database created for a benchmark": "conn.execute(f'CREATE DATABASE \"{naam}\"')",
}


@pytest.mark.parametrize("source", CAUGHT.values(), ids=CAUGHT.keys())
def test_the_scan_catches(source):
    assert scan(source, "voorbeeld.py"), source


@pytest.mark.parametrize("source", LEFT_ALONE.values(), ids=LEFT_ALONE.keys())
def test_the_scan_leaves_alone(source):
    assert scan(source, "voorbeeld.py") == []
