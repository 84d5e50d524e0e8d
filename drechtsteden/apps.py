from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrechtstedenConfig(AppConfig):
    name = "drechtsteden"
    verbose_name = _("Regio Drechtsteden")

    def ready(self) -> None:
        from simple_history.signals import post_create_historical_record

        from drechtsteden.historie import history_record_created

        post_create_historical_record.connect(
            history_record_created, dispatch_uid="drechtsteden.historieregel"
        )
