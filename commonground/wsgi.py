"""WSGI entry point: ``gunicorn commonground.wsgi`` or any WSGI server."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
application = get_wsgi_application()
# What setup loaded lives as long as the process. Frozen, it is left out of the
# collector's full passes, which otherwise walk it all again (about 80 ms a pass in the
# directory benchmark, stalling whichever request set one off).
gc.freeze()
