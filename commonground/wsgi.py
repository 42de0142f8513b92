"""WSGI entry point: ``gunicorn commonground.wsgi`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
application = get_wsgi_application()
