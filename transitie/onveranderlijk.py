"""Immutability of taken decisions and published letters: the base models that refuse a change."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thema import workflow
from thema.models import Beoordeling


class Onveranderlijk(PermissionDenied):
    """A taken decision or a published letter: it is neither saved again nor deleted."""

    def __init__(self, bericht: str | None = None) -> None:
        super().__init__(str(bericht or _("Dit gegeven ligt vast en verandert niet meer.")))


class OnveranderlijkQuerySet(models.QuerySet):
    """Bulk update() and delete() refuse as soon as they would touch an immutable row, so that no
    bulk path goes around the model's refusal."""

    def _weiger_onveranderlijk(self) -> None:
        # Django itself refuses update() and delete() on a slice; leave that message to it.
        if not self.query.is_sliced and self.filter(self.model.onveranderlijk_q()).exists():
            raise Onveranderlijk(self.model.onveranderlijk_bericht)

    def update(self, **kwargs) -> int:
        self._weiger_onveranderlijk()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        self._weiger_onveranderlijk()
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class OnveranderlijkModel(models.Model):
    """A model whose rows become immutable: `onveranderlijk_q()` selects the stored rows that are,
    `ouder_onveranderlijk()` says whether the row it belongs to is (for rows not stored yet).

    The check reads the database, not the instance, so a stale or hand-made instance cannot
    overwrite a frozen row.
    """

    onveranderlijk_bericht = _("Dit gegeven ligt vast en verandert niet meer.")

    objects = OnveranderlijkQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.weiger_als_onveranderlijk()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.weiger_als_onveranderlijk()
        return super().delete(*args, **kwargs)

    @classmethod
    def onveranderlijk_q(cls) -> Q:
        """The stored rows that are immutable; every row, unless a model says otherwise."""
        return Q()

    def ouder_onveranderlijk(self) -> bool:
        return False

    def is_onveranderlijk(self) -> bool:
        opgeslagen = (
            self.pk is not None
            and type(self)._base_manager.filter(self.onveranderlijk_q(), pk=self.pk).exists()
        )
        return opgeslagen or self.ouder_onveranderlijk()

    def weiger_als_onveranderlijk(self) -> None:
        if self.is_onveranderlijk():
            raise Onveranderlijk(self.onveranderlijk_bericht)


BESLOTEN = Q(status__in=workflow.BESLOTEN) | Q(besluit__isnull=False)


class BeslotenVoorstelModel(OnveranderlijkModel):
    """Advice and votes: frozen with the decision on their proposal."""

    onveranderlijk_bericht = _(
        "Over dit voorstel is besloten; het besluit en de stemmen liggen vast."
    )

    class Meta:
        abstract = True

    @classmethod
    def onveranderlijk_q(cls) -> Q:
        return Q(beoordeling__status__in=workflow.BESLOTEN) | Q(beoordeling__besluit__isnull=False)

    def ouder_onveranderlijk(self) -> bool:
        return (
            self.beoordeling_id is not None
            and Beoordeling._base_manager.filter(BESLOTEN, pk=self.beoordeling_id).exists()
        )
