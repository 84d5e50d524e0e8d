"""The beheerder sees every notification's delivery and its status (the failed ones first)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from drechtsteden.admin import ReadOnlyHistoryAdmin
from drechtsteden.meldingen.models import Bezorging


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
