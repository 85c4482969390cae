"""The application as WSGI servers load it: `gunicorn 'app.wsgi:application'`."""

from app import create_app
from app.serving import serving

application = serving(create_app())
