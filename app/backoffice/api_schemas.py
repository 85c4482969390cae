"""The marshmallow schemas of the generated REST APIs, built the way Flask-AppBuilder builds them
but with foreign keys declared as wanted.

Why: marshmallow-sqlalchemy, told to leave foreign keys out (its default), checks every base class
of every new schema against `Schema` and `SQLAlchemyAutoSchema` with `issubclass`. Both are ABCs,
so a "no" walks every schema class alive: Flask-AppBuilder makes some 260 per app, and building an
app took seconds more for each app already alive (half of `create_app`'s time in the test suite).
Our APIs always name their columns, and none names a foreign key column, so including foreign keys
changes no schema (tests/integration/test_rest_api.py compares them) and skips that walk.
"""

from __future__ import annotations

from flask import current_app
from flask_appbuilder.api.convert import Model2SchemaConverter
from marshmallow_sqlalchemy import SQLAlchemyAutoSchema


class NamedColumnsSchemaConverter(Model2SchemaConverter):
    def _meta_schema_factory(self, columns, model, class_mixin, parent_schema_name=None):
        if not columns:  # all columns: Flask-AppBuilder's own, foreign keys left out
            return super()._meta_schema_factory(columns, model, class_mixin, parent_schema_name)
        meta = type(
            "Meta",
            (),
            {
                "model": model,
                "fields": columns,
                "include_fk": True,
                "load_instance": True,
                "sqla_session": current_app.appbuilder.session,
                # Flask-AppBuilder names nested schemas after their parent's.
                "parent_schema_name": parent_schema_name,
            },
        )
        return type("MetaSchema", (SQLAlchemyAutoSchema, class_mixin), {"Meta": meta})
