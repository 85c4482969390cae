"""Alembic environment: the metadata is Flask-AppBuilder's (its security tables and ours)."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import FileColumn, ImageColumn

import app.generated.models  # noqa: F401  (registers every generated table on Model.metadata)
from app.unmodelled import compared_in_schema

config = context.config
if config.config_file_name and not config.attributes.get("skip_logging_config"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_metadata = Model.metadata


def render_item(type_, obj, autogen_context):
    """Write FAB's file and image columns as the plain text they store, so that migration
    files need no import of Flask-AppBuilder's type classes."""
    if type_ == "type" and isinstance(obj, (FileColumn, ImageColumn)):
        return "sa.Text()"
    return False


def _engine():
    return current_app.extensions["migrate"].db.engine


def run_migrations_offline():
    context.configure(
        url=_engine().url.render_as_string(hide_password=False),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        include_name=compared_in_schema,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def no_empty_revision(context_, revision, directives):
        # `flask db migrate` with nothing to do writes no file.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    with _engine().connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            process_revision_directives=no_empty_revision,
            render_as_batch=True,
            compare_type=True,
            render_item=render_item,
            include_name=compared_in_schema,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
