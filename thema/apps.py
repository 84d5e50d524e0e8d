from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemaConfig(AppConfig):
    name = "thema"
    verbose_name = _("Thema's en activiteiten")

    def ready(self) -> None:
        from drechtsteden.historie.selectors import register_history_link
        from thema.selectors import HISTORY_TABS

        for model_label, links in HISTORY_TABS.items():
            register_history_link(model_label, links)
