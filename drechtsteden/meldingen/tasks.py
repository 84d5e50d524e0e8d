"""The worker's tasks: send a notification's e-mail, or a person's daily digest."""

from django_tasks import task

from drechtsteden.meldingen import services


@task()
def bezorging_send(bezorging_id: int) -> None:
    services.bezorging_deliver(bezorging_id=bezorging_id)


@task()
def samenvatting_send(gebruiker_id: int) -> None:
    services.samenvatting_deliver(gebruiker_id=gebruiker_id)
