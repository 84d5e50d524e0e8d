from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrechtstedenConfig(AppConfig):
    name = "drechtsteden"
    verbose_name = _("Regio Drechtsteden")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.urls import register_converter
        from simple_history.signals import post_create_historical_record

        from drechtsteden import security
        from drechtsteden.converters import IdConverter
        from drechtsteden.historie.keten import history_record_created

        # Before the URL configuration is read, which uses `<id:...>`.
        register_converter(IdConverter, "id")
        post_create_historical_record.connect(
            history_record_created, dispatch_uid="drechtsteden.historieregel"
        )
        user_login_failed.connect(security.log_mislukte_login, dispatch_uid="rp_login_mislukt")
        user_locked_out.connect(security.log_blokkade, dispatch_uid="rp_login_geblokkeerd")
        user_logged_in.connect(security.start_sessie_bij_login, dispatch_uid="rp_sessie_start")
