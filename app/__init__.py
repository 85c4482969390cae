"""The application factory: create_app(config) wires everything, in the design card's order."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, send_from_directory
from flask_appbuilder import AppBuilder
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from app.extensions import db, mail, migrate

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
CONFIGS = {
    "default": "config.default",
    "production": "config.production",
    "testing": "config.testing",
}


def create_app(config: str | None = None, **overrides) -> Flask:
    """Build an app for `config` (default, production or testing; else $PORTAL_CONFIG).

    Order matters: CSRF protection before AppBuilder (so it covers the portal's blueprints as well
    as FAB's forms), then the extensions, then the generated screens, then the hand-written
    blueprints.
    """
    app = Flask(__name__, instance_path=None)
    name = config or os.environ.get("PORTAL_CONFIG", "default")
    app.config.from_object(CONFIGS.get(name, name))
    app.config.update(overrides)
    instance = Path(app.config["INSTANCE_DIR"])
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance)
    app.config["FAB_SECURITY_MANAGER_CLASS"] = "app.security.PortalSecurityManager"
    from app.generated.roles import FAB_ROLES

    app.config["FAB_ROLES"] = FAB_ROLES
    app.config.setdefault("UPLOAD_FOLDER", f"{instance / 'uploads'}/")
    app.config.setdefault("IMG_UPLOAD_FOLDER", f"{instance / 'uploads' / 'images'}/")
    for folder in ("UPLOAD_FOLDER", "IMG_UPLOAD_FOLDER"):
        Path(app.config[folder]).mkdir(parents=True, exist_ok=True)

    if app.config.get("PROXY_COUNT"):
        # Behind a proxy: the client's address (login throttling) and scheme come from its headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"], x_proto=1, x_host=1)
    # FAB's own security screens declare filters on columns it cannot filter, and says so at
    # every start; nothing of ours is concerned.
    logging.getLogger("flask_appbuilder.models.filters").setLevel(logging.ERROR)

    # One CSRFProtect per app, not a module-level one: Flask-AppBuilder exempts every REST API's
    # blueprint by adding the Blueprint object to the extension's set, so a shared extension kept
    # every app ever built (its blueprints -> views -> AppBuilder -> models) alive for good.
    CSRFProtect(app)
    db.init_app(app)
    _tune_engine(app)
    mail.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)

    from app.jobs.queue import init_jobs

    init_jobs(app)

    with app.app_context():
        appbuilder = AppBuilder()
        appbuilder.init_app(app, db.session)
        from app.generated.registry import register

        register(appbuilder)
        from app.backoffice import register_screens

        register_screens(appbuilder)
        from app.locale import init_locale

        init_locale(app, appbuilder)

    from app.portal import bp as portal_blueprint

    app.register_blueprint(portal_blueprint)
    _register_template_filters(app)

    @app.route("/uploads/images/<path:filename>")
    def uploaded_image(filename):
        return send_from_directory(app.config["IMG_UPLOAD_FOLDER"], filename)

    from app.upload_limits import init_upload_limits

    init_upload_limits(app)

    from app.cli import register_commands

    register_commands(app)
    return app


def _register_template_filters(app: Flask) -> None:
    """Values printed for the page's locale (app.backoffice.formatting): |money, |number,
    |weight, |date_text, |datetime_text; |format_decimal is kept for older templates."""
    from flask_babel import get_locale

    from app.backoffice import formatting

    app.add_template_filter(formatting.money_text, "money")
    app.add_template_filter(formatting.number_text, "number")
    app.add_template_filter(formatting.number_text, "format_decimal")
    app.add_template_filter(formatting.weight_text, "weight")
    app.add_template_filter(formatting.date_text, "date_text")
    app.add_template_filter(formatting.datetime_text, "datetime_text")
    app.jinja_env.globals["get_locale"] = get_locale


def _tune_engine(app: Flask) -> None:
    """Per database: SQLITE_PRAGMAS on every new SQLite connection (see config/default.py);
    PostgreSQL connections that keep their prepared statements across requests, and compile
    no statement to machine code (app/postgres.py)."""
    from app.postgres import keep_prepared_statements, without_jit

    with app.app_context():
        engine = db.engine
    without_jit(engine)
    keep_prepared_statements(engine)
    if engine.dialect.name != "sqlite" or not app.config.get("SQLITE_PRAGMAS"):
        return
    pragmas = [f"PRAGMA {name} = {value}" for name, value in app.config["SQLITE_PRAGMAS"].items()]

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()


def _instance_secret_key(instance: Path) -> str:
    """The embedded default keeps one random key in instance/, so sessions survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
