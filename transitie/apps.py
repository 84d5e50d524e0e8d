from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitieConfig(AppConfig):
    name = "transitie"
    verbose_name = _("Transitie")

    def ready(self) -> None:
        # controleer_historie also checks the published files; drechtsteden does not import us.
        from drechtsteden.historie.keten import register_check
        from transitie.brieven.integriteit import bestanden_verify

        register_check("gepubliceerde bestanden", bestanden_verify)
