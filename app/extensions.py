"""The Flask extensions, created unbound and bound to an app by create_app().

Flask-Babel is set up by Flask-AppBuilder's BabelManager, which merges its catalogues with ours.
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.base import SQLA
from flask_mail import Mail
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

db = SQLA()
mail = Mail()
migrate = Migrate()
csrf = CSRFProtect()
