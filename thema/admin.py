"""Admin of the content: themes and their teams, partners, activities and (read-only) reviews."""

from django.contrib import admin

from drechtsteden.admin import HistoryAdmin, ReadOnlyHistoryAdmin, ReadOnlyInline
from thema.models import (
    Activiteit,
    Beoordeling,
    Deelname,
    FinancieleConsequentie,
    Partner,
    Teamlid,
    Thema,
)

USER_SEARCH = ["gebruiker__username", "gebruiker__first_name", "gebruiker__last_name"]


class TeamlidInline(admin.TabularInline):
    model = Teamlid
    extra = 0
    autocomplete_fields = ["gebruiker"]


@admin.register(Thema)
class ThemaAdmin(HistoryAdmin):
    list_display = ["naam", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [TeamlidInline]


@admin.register(Teamlid)
class TeamlidAdmin(HistoryAdmin):
    list_display = ["gebruiker", "thema"]
    list_filter = ["thema"]
    list_select_related = ["gebruiker", "thema"]
    search_fields = [*USER_SEARCH, "thema__naam"]
    autocomplete_fields = ["gebruiker", "thema"]


@admin.register(Partner)
class PartnerAdmin(HistoryAdmin):
    list_display = ["naam", "soort", "gemeente", "is_demo"]
    list_filter = ["soort", "is_demo"]
    list_select_related = ["gemeente"]
    search_fields = ["naam"]
    autocomplete_fields = ["gemeente"]


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    autocomplete_fields = ["gemeente"]


@admin.register(Activiteit)
class ActiviteitAdmin(HistoryAdmin):
    list_display = ["naam", "thema", "status", "is_demo"]
    list_filter = ["status", "thema", "is_demo"]
    list_select_related = ["thema"]
    search_fields = ["naam", "thema__naam"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["thema", "partners"]
    inlines = [DeelnameInline]


@admin.register(Deelname)
class DeelnameAdmin(HistoryAdmin):
    list_display = ["activiteit", "gemeente", "jaarlijkse_bijdrage"]
    list_filter = ["gemeente"]
    list_select_related = ["activiteit", "gemeente"]
    search_fields = ["activiteit__naam", "gemeente__naam"]
    autocomplete_fields = ["activiteit", "gemeente"]


class FinancieleConsequentieInline(ReadOnlyInline, admin.TabularInline):
    model = FinancieleConsequentie


@admin.register(Beoordeling)
class BeoordelingAdmin(ReadOnlyHistoryAdmin):
    """Reviews change only through the review flow's services (state machine, version check)."""

    list_display = ["activiteit", "ronde", "status", "voorstel", "ingediend_op"]
    list_filter = ["status", "voorstel", "activiteit__thema"]
    list_select_related = ["activiteit"]
    search_fields = ["activiteit__naam", "onderbouwing"]
    inlines = [FinancieleConsequentieInline]


@admin.register(FinancieleConsequentie)
class FinancieleConsequentieAdmin(ReadOnlyHistoryAdmin):
    list_display = ["beoordeling", "jaar", "bedrag"]
    list_filter = ["jaar"]
    list_select_related = ["beoordeling__activiteit"]
    search_fields = ["beoordeling__activiteit__naam"]
