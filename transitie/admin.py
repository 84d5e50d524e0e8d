"""Admin of the process: regiekamers and members, the plan, the finance, and the letters.

Advice, votes, decisions, published files, the registers of framework changes and commitments,
milestones, budgets, budget lines and contributions are written by the portal's services only
(their rules: the milestone order and sign-off, the budget ceiling, a contribution's status that
only moves forward); the admin shows them with their history and changes nothing. A published
letter and its sections are read-only (OnveranderlijkAdmin), as the model holds them.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from drechtsteden.admin import HistoryAdmin, ReadOnlyHistoryAdmin, ReadOnlyInline
from transitie.brieven.models import (
    Briefbijlage,
    Briefpublicatie,
    Briefsectie,
    Publicatieopdracht,
    Publicatiestap,
    Raadsinformatiebrief,
    Toezegging,
)
from transitie.constants import BriefStatus
from transitie.financien.models import (
    Begroting,
    Begrotingspost,
    Bijdrage,
    Kaderwijziging,
    Raadsbehandeling,
)
from transitie.plan.models import Aanbeveling, Mijlpaal, Transitieplan
from transitie.regiekamer.models import (
    Advies,
    Besluit,
    Lidmaatschap,
    Regiekamer,
    Stem,
    Verantwoordelijkheid,
)

USER_SEARCH = ["gebruiker__username", "gebruiker__first_name", "gebruiker__last_name"]
REVIEW_RELATED = ["beoordeling__activiteit"]


# Regiekamers and their members


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["gebruiker", "gemeente"]


@admin.register(Regiekamer)
class RegiekamerAdmin(HistoryAdmin):
    list_display = ["naam", "soort", "ingesteld_op"]
    search_fields = ["naam"]
    inlines = [LidmaatschapInline]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(HistoryAdmin):
    list_display = ["gebruiker", "gemeente", "regiekamer", "rol", "van", "tot"]
    list_filter = ["regiekamer", "rol", "gemeente"]
    list_select_related = ["gebruiker", "gemeente", "regiekamer"]
    search_fields = [*USER_SEARCH, "gemeente__naam"]
    autocomplete_fields = ["gebruiker", "gemeente", "regiekamer"]
    date_hierarchy = "van"


@admin.register(Verantwoordelijkheid)
class VerantwoordelijkheidAdmin(HistoryAdmin):
    list_display = ["omschrijving", "herkomst", "regiekamer", "houder", "sinds"]
    list_filter = ["herkomst", "regiekamer"]
    list_select_related = [
        "regiekamer",
        "houder__gebruiker",
        "houder__gemeente",
        "houder__regiekamer",
    ]
    search_fields = ["omschrijving"]
    autocomplete_fields = ["regiekamer", "houder"]


# Advice, votes and decisions


@admin.register(Advies)
class AdviesAdmin(ReadOnlyHistoryAdmin):
    list_display = ["beoordeling", "oordeel", "vervolg", "gegeven_door", "gegeven_op"]
    list_filter = ["oordeel", "vervolg"]
    list_select_related = [*REVIEW_RELATED, "gegeven_door"]
    search_fields = ["beoordeling__activiteit__naam", "toelichting"]
    date_hierarchy = "gegeven_op"


@admin.register(Stem)
class StemAdmin(ReadOnlyHistoryAdmin):
    list_display = ["beoordeling", "gemeente", "keuze", "uitgebracht_door", "uitgebracht_op"]
    list_filter = ["keuze", "gemeente"]
    list_select_related = [*REVIEW_RELATED, "gemeente", "uitgebracht_door"]
    search_fields = ["beoordeling__activiteit__naam", "gemeente__naam"]


@admin.register(Besluit)
class BesluitAdmin(ReadOnlyHistoryAdmin):
    list_display = ["beoordeling", "uitkomst", "besloten_op"]
    list_filter = ["uitkomst"]
    list_select_related = REVIEW_RELATED
    search_fields = ["beoordeling__activiteit__naam"]
    date_hierarchy = "besloten_op"


# The transition plan


class AanbevelingInline(admin.TabularInline):
    model = Aanbeveling
    extra = 0
    fields = ["nummer", "inzicht", "titel"]


@admin.register(Transitieplan)
class TransitieplanAdmin(HistoryAdmin):
    list_display = ["naam", "deadline", "vastgesteld_op"]
    search_fields = ["naam"]
    inlines = [AanbevelingInline]


@admin.register(Aanbeveling)
class AanbevelingAdmin(HistoryAdmin):
    list_display = ["nummer", "titel", "inzicht", "transitieplan"]
    list_display_links = ["nummer", "titel"]
    list_filter = ["inzicht", "transitieplan"]
    list_select_related = ["transitieplan"]
    search_fields = ["titel", "toelichting"]
    autocomplete_fields = ["transitieplan"]


# Milestones are kept on /transitie/ through transitie.planning's services.


@admin.register(Mijlpaal)
class MijlpaalAdmin(ReadOnlyHistoryAdmin):
    list_display = ["titel", "aanbeveling", "eigenaar", "deadline", "status", "gereed_op"]
    list_filter = ["status", "eigenaar_regiekamer", "eigenaar_gemeente", "is_demo"]
    list_select_related = ["aanbeveling", "eigenaar_regiekamer", "eigenaar_gemeente"]
    search_fields = ["titel"]
    autocomplete_fields = [
        "aanbeveling",
        "eigenaar_regiekamer",
        "eigenaar_gemeente",
        "afhankelijk_van",
    ]
    date_hierarchy = "deadline"

    @admin.display(description=_("eigenaar"))
    def eigenaar(self, obj: Mijlpaal):
        return obj.eigenaar


# Groeiagenda finance: budget lines and contributions are kept on /financien/ through
# transitie.financien's services (the ceiling); a budget is continued by begroting_voortzetten.


class BegrotingspostInline(ReadOnlyInline, admin.TabularInline):
    model = Begrotingspost
    fields = ["omschrijving", "soort", "thema", "bedrag", "is_demo"]


class BijdrageInline(ReadOnlyInline, admin.TabularInline):
    model = Bijdrage
    fields = ["omschrijving", "bron", "gemeente", "bedrag", "status", "is_demo"]


@admin.register(Begroting)
class BegrotingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["naam", "jaar", "budgetneutraal", "voortzetting_van"]
    list_select_related = ["voortzetting_van"]
    search_fields = ["naam"]
    inlines = [BegrotingspostInline, BijdrageInline]


@admin.register(Begrotingspost)
class BegrotingspostAdmin(ReadOnlyHistoryAdmin):
    list_display = ["omschrijving", "begroting", "soort", "thema", "bedrag", "is_demo"]
    list_filter = ["soort", "begroting", "is_demo"]
    list_select_related = ["begroting", "thema"]
    search_fields = ["omschrijving"]
    autocomplete_fields = ["begroting", "thema"]


@admin.register(Bijdrage)
class BijdrageAdmin(ReadOnlyHistoryAdmin):
    list_display = ["omschrijving", "begroting", "bron", "gemeente", "bedrag", "status"]
    list_filter = ["bron", "status", "begroting", "is_demo"]
    list_select_related = ["begroting", "gemeente"]
    search_fields = ["omschrijving", "gemeente__naam"]
    autocomplete_fields = ["begroting", "gemeente"]


# Raadsinformatiebrieven


class OnveranderlijkAdmin(HistoryAdmin):
    """An object that the model holds immutable (transitie.models.OnveranderlijkModel) is shown
    read-only: no change, no delete, no revert from its history."""

    def has_change_permission(self, request, obj=None):
        return not _onveranderlijk(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _onveranderlijk(obj) and super().has_delete_permission(request, obj)


def _onveranderlijk(obj) -> bool:
    return obj is not None and obj.is_onveranderlijk()


class BriefsectieInline(admin.StackedInline):
    """The sections of the letter on its page: frozen with a published letter."""

    model = Briefsectie
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _onveranderlijk(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _onveranderlijk(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _onveranderlijk(obj) and super().has_delete_permission(request, obj)


@admin.register(Raadsinformatiebrief)
class RaadsinformatiebriefAdmin(OnveranderlijkAdmin):
    """Publishing is the portal's service (it renders and stores the PDFs), not an admin edit."""

    list_display = ["titel", "datum", "status", "gepubliceerd_op"]
    list_filter = ["status"]
    search_fields = ["titel", "onderwerp"]
    readonly_fields = ["uuid", "status", "gepubliceerd_op", "versie"]
    autocomplete_fields = ["corrigeert"]
    date_hierarchy = "datum"
    inlines = [BriefsectieInline]


@admin.register(Briefsectie)
class BriefsectieAdmin(OnveranderlijkAdmin):
    list_display = ["brief", "soort"]
    list_filter = ["soort"]
    list_select_related = ["brief"]
    search_fields = ["brief__titel", "tekst"]
    autocomplete_fields = ["brief"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A section is only added to, or moved to, a letter that is still a draft.
        if db_field.name == "brief":
            kwargs["queryset"] = Raadsinformatiebrief.objects.filter(status=BriefStatus.CONCEPT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Briefpublicatie)
class BriefpublicatieAdmin(ReadOnlyHistoryAdmin):
    """The published PDF stays out of the admin: it is served, byte for byte, by the portal."""

    list_display = ["bestandsnaam", "brief", "gemeente", "gepubliceerd_op", "sha256"]
    list_filter = ["gemeente"]
    list_select_related = ["brief", "gemeente"]
    search_fields = ["bestandsnaam", "brief__titel", "sha256"]
    exclude = ["pdf"]
    readonly_fields = ["uuid"]
    date_hierarchy = "gepubliceerd_op"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")


@admin.register(Briefbijlage)
class BriefbijlageAdmin(ReadOnlyHistoryAdmin):
    """Annexes are uploaded and checked on the letter's page; the admin only shows them."""

    list_display = ["titel", "brief", "bestandsnaam", "grootte", "sha256"]
    list_select_related = ["brief"]
    search_fields = ["titel", "brief__titel", "sha256"]
    exclude = ["pdf"]
    readonly_fields = ["uuid"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")


@admin.register(Publicatieopdracht)
class PublicatieopdrachtAdmin(ReadOnlyHistoryAdmin):
    """Publishing requests are made on the letter's page and run by the worker."""

    list_display = ["brief", "status", "aangevraagd_door", "aangevraagd_op", "afgerond_op"]
    list_filter = ["status"]
    list_select_related = ["brief", "aangevraagd_door"]
    search_fields = ["brief__titel", "fout"]
    date_hierarchy = "aangevraagd_op"


@admin.register(Publicatiestap)
class PublicatiestapAdmin(ReadOnlyHistoryAdmin):
    """The rendered bytes stay out of the admin, as the publication's do."""

    list_display = ["opdracht", "gemeente", "status", "klaar_op"]
    list_filter = ["status", "gemeente"]
    list_select_related = ["opdracht__brief", "gemeente"]
    search_fields = ["opdracht__brief__titel", "fout"]
    exclude = ["pdf"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")


# Registers: written by transitie.registers (a change goes to all seven councils at once, a
# council's decision is final), so the admin only shows them.


class RaadsbehandelingInline(ReadOnlyInline, admin.TabularInline):
    model = Raadsbehandeling
    fields = ["gemeente", "status", "datum", "toelichting"]


@admin.register(Kaderwijziging)
class KaderwijzigingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["titel", "datum", "bedrag", "brief", "is_demo"]
    list_filter = ["is_demo"]
    list_select_related = ["brief"]
    search_fields = ["titel", "omschrijving"]
    date_hierarchy = "datum"
    inlines = [RaadsbehandelingInline]


@admin.register(Raadsbehandeling)
class RaadsbehandelingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["kaderwijziging", "gemeente", "status", "datum"]
    list_filter = ["status", "gemeente"]
    list_select_related = ["kaderwijziging", "gemeente"]
    search_fields = ["kaderwijziging__titel", "gemeente__naam"]


@admin.register(Toezegging)
class ToezeggingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "brief", "gemeente", "verwacht_op", "afgedaan_op"]
    list_filter = ["gemeente"]
    list_select_related = ["brief", "gemeente"]
    search_fields = ["tekst", "afdoening", "brief__titel"]
    date_hierarchy = "verwacht_op"
