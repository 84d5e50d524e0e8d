"""The beheerder sees every notification's delivery and its status (the failed ones first)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from drechtsteden.admin import ReadOnlyHistoryAdmin
from drechtsteden.meldingen.models import Bezorging, Melding, MeldingVoorkeur


@admin.register(Bezorging)
class BezorgingAdmin(ReadOnlyHistoryAdmin):
    list_display = ("melding", "ontvanger", "wijze", "status", "pogingen", "verzonden_op")
    list_filter = ("status", "wijze", "melding__soort")
    list_select_related = ("melding__ontvanger",)
    search_fields = ("melding__titel", "melding__ontvanger__username")
    readonly_fields = ("laatste_fout",)

    @admin.display(description=_("ontvanger"), ordering="melding__ontvanger__username")
    def ontvanger(self, obj: Bezorging) -> str:
        return str(obj.melding.ontvanger)


@admin.register(Melding)
class MeldingAdmin(ReadOnlyHistoryAdmin):
    list_display = ("titel", "ontvanger", "soort", "aangemaakt_op", "gelezen_op")
    list_filter = ("soort",)
    list_select_related = ("ontvanger",)
    search_fields = ("titel", "ontvanger__username")


@admin.register(MeldingVoorkeur)
class MeldingVoorkeurAdmin(ReadOnlyHistoryAdmin):
    list_display = ("gebruiker", "soort", "keuze")
    list_select_related = ("gebruiker",)
