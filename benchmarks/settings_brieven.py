"""Settings of the letters benchmark: the portal's own, plus one directory of static files.

That directory holds a copy of the published PDF, so that gunicorn (through whitenoise, as in
production) serves the very same bytes as a static file to compare the download with. Nothing else
differs from drechtsteden.settings; benchmarks/brieven.py sets the environment (DEBUG off).
"""

import os

from drechtsteden.settings import *  # noqa: F403
from drechtsteden.settings import STATICFILES_DIRS

STATICFILES_DIRS = [*STATICFILES_DIRS, os.environ["BENCH_STATIC_DIR"]]
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]  # benchmarks/brieven.py runs collectstatic into it
