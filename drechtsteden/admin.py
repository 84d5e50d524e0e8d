"""Admin of the region (municipalities, profiles, accounts) and the base classes of every admin."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from drechtsteden.models import Gemeente, Profiel


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin of every historied model: the history view, and no revert without change rights.

    simple_history's revert form saves on POST with view permission alone; refuse that here.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyHistoryAdmin(HistoryAdmin):
    """Records that only the portal's services write (votes, decisions, published files):
    the admin shows them and their history, and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline:
    """Mixin for an inline whose rows the admin shows but does not change."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Gemeente)
class GemeenteAdmin(HistoryAdmin):
    list_display = ["naam", "cbs_code", "is_drechtstad"]
    list_filter = ["is_drechtstad"]
    search_fields = ["naam", "cbs_code"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Profiel)
class ProfielAdmin(HistoryAdmin):
    list_display = ["gebruiker", "gemeente", "functie"]
    list_filter = ["gemeente"]
    list_select_related = ["gebruiker", "gemeente"]
    search_fields = [
        "gebruiker__username",
        "gebruiker__first_name",
        "gebruiker__last_name",
        "functie",
    ]
    autocomplete_fields = ["gebruiker", "gemeente"]


class ProfielInline(admin.StackedInline):
    model = Profiel
    can_delete = False
    autocomplete_fields = ["gemeente"]
    verbose_name_plural = _("profiel")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [ProfielInline]
    list_display = [*BaseUserAdmin.list_display, "gemeente"]
    list_filter = [*BaseUserAdmin.list_filter, "profiel__gemeente"]
    list_select_related = ["profiel__gemeente"]

    @admin.display(description=_("gemeente"), ordering="profiel__gemeente__naam")
    def gemeente(self, obj) -> Gemeente | None:
        profiel = getattr(obj, "profiel", None)
        return profiel.gemeente if profiel else None


from drechtsteden.meldingen import admin as meldingen_admin  # noqa: E402, F401 - registers it
