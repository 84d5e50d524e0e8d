from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitieConfig(AppConfig):
    name = "transitie"
    verbose_name = _("Transitie")

    def ready(self) -> None:
        from drechtsteden.historie.selectors import register_history_link
        from thema.draad import draad_registreer
        from transitie.draad import HISTORY_LINKS, draad_voor

        draad_registreer(draad_voor)
        for model_label, links in HISTORY_LINKS.items():
            register_history_link(model_label, links)
