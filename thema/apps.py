from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemaConfig(AppConfig):
    name = "thema"
    verbose_name = _("Thema's en activiteiten")
