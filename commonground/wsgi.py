"""WSGI entry point: ``gunicorn commonground.wsgi`` or any WSGI server."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
application = get_wsgi_application()

# Refuse to boot with an unsafe production configuration (no secret key or hosts): a
# server that starts anyway would answer every request with an error, or sign with nothing.
# Nor without the OCDS and ORUK schemas read at run time.
from commonground.commissioning.checks import ocds_schema  # noqa: E402
from commonground.core.checks import production_configuration  # noqa: E402
from commonground.directory.oruk_schemas import oruk_schema  # noqa: E402

_problems = production_configuration() + ocds_schema() + oruk_schema()
if _problems:
    raise SystemExit("\n".join(f"{p.msg} {p.hint}" for p in _problems))

# What setup loaded lives as long as the process. Frozen, it is left out of the
# collector's full passes, which otherwise walk it all again (about 80 ms a pass in the
# directory benchmark, stalling whichever request set one off).
gc.freeze()
