"""The worker's tasks of the letters: render one council's PDF of a publishing request."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from django_tasks import task

from transitie.brieven import services

# WeasyPrint builds and drops over a million small objects per council's PDF (boxes, styles, PDF
# objects), many in reference cycles. At Python's default thresholds (700, 10, 10) the cyclic
# collector runs so often that it takes about a fifth of a render; collecting the young generation
# every 10,000 allocations instead keeps the memory the same (the garbage is collected all the same,
# a little later) and renders a 120-decision letter in about 1.6 s instead of 2.1 s on the 2-core
# machine (`make bench-publiceren`; from 5,000 on the gain levels off).
RENDER_GC_DREMPELS = (10_000, 10, 10)


@contextmanager
def render_gc() -> Iterator[None]:
    """The collector's thresholds for rendering, restored afterwards. The worker runs one task at a
    time in one thread, so nothing else in the process sees them."""
    oud = gc.get_threshold()
    gc.set_threshold(*RENDER_GC_DREMPELS)
    try:
        yield
    finally:
        gc.set_threshold(*oud)


@task()
def publicatiestap_render(stap_id: int) -> None:
    with render_gc():
        services.publicatiestap_run(stap_id=stap_id)
