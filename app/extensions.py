"""The Flask extensions, created unbound and bound to an app by create_app().

Flask-Babel is set up by Flask-AppBuilder's BabelManager, which merges its catalogues with ours.
CSRF protection is not here: create_app() gives each app a CSRFProtect of its own (see there).
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.base import SQLA
from flask_mail import Mail
from flask_migrate import Migrate

db = SQLA()
mail = Mail()
migrate = Migrate()
