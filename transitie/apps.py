from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitieConfig(AppConfig):
    name = "transitie"
    verbose_name = _("Transitie")

    def ready(self) -> None:
        # The lower layers offer hooks; transitie fills them, so they never import it.
        from drechtsteden.historie.keten import register_check
        from drechtsteden.historie.selectors import register_history_link
        from thema.draad import draad_registreer
        from transitie.brieven.integriteit import bestanden_verify
        from transitie.draad import HISTORY_LINKS, draad_voor

        # controleer_historie also checks the published files.
        register_check("gepubliceerde bestanden", bestanden_verify)
        # An activity's page shows its thread; history rows link advice, votes and decisions.
        draad_registreer(draad_voor)
        for model_label, links in HISTORY_LINKS.items():
            register_history_link(model_label, links)
