"""The worker's tasks of the letters: render one council's PDF of a publishing request."""

from django_tasks import task

from transitie.brieven import services


@task()
def publicatiestap_render(stap_id: int) -> None:
    services.publicatiestap_run(stap_id=stap_id)
