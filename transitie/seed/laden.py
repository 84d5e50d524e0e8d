"""The loader every part of the seed writes through: idempotent, with history."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

REDEN_FEIT = "Feit uit de raadsinformatiebrief (laad_drechtsteden)"


REDEN_DEMO = "Demodata (laad_drechtsteden --demo)"


@dataclass
class Verslag:
    """What a run created and changed, per model, for the command's summary."""

    aangemaakt: Counter = field(default_factory=Counter)
    gewijzigd: Counter = field(default_factory=Counter)
    gekoppeld: Counter = field(default_factory=Counter)  # many-to-many links added

    @property
    def leeg(self) -> bool:
        return not (self.aangemaakt or self.gewijzigd or self.gekoppeld)


class Loader:
    """Writes rows by natural key, saving only on a difference, with history user and reason."""

    def __init__(self, *, user: AbstractBaseUser, reden: str, verslag: Verslag) -> None:
        self.user = user
        self.reden = reden
        self.verslag = verslag

    def ensure(
        self,
        model: type[models.Model],
        lookup: dict,
        values: dict | None = None,
        initial: dict | None = None,
    ) -> models.Model:
        """The row with `lookup`: `values` kept as given, `initial` only set when it is created."""
        values = values or {}
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **(initial or {}))
            self.save(obj, created=True)
            return obj
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            self.save(obj, created=False)
        return obj

    def ensure_m2m(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        """Add the missing targets; removes nothing, so that later choices stay."""
        manager = getattr(obj, name)
        present = set(manager.values_list("pk", flat=True))
        missing = [target for target in targets if target.pk not in present]
        if missing:
            self._mark(obj)
            manager.add(*missing)
            self.verslag.gekoppeld[obj._meta.verbose_name_plural] += 1

    def save(self, obj: models.Model, *, created: bool) -> None:
        obj.full_clean()
        self._mark(obj)
        obj.save()
        teller = self.verslag.aangemaakt if created else self.verslag.gewijzigd
        teller[obj._meta.verbose_name_plural] += 1

    def _mark(self, obj: models.Model) -> None:
        obj._history_user = self.user
        obj._change_reason = self.reden
