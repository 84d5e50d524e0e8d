from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitieConfig(AppConfig):
    name = "transitie"
    verbose_name = _("Transitie")
