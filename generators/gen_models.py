"""Writes the SQLAlchemy models: one module per entity, plus the association tables."""

from __future__ import annotations

import datetime

from generators.pyfmt import HEADER, lit, tr
from generators.schema import Entity, Field, Model, class_name

USER_TABLE = "ab_user"
ON_DELETE_SQL = {"restrict": "RESTRICT", "cascade": "CASCADE", "set_null": "SET NULL"}


def association_table_name(entity: Entity, field: Field) -> str:
    """The table behind a many-to-many: both ends agree on one name, whichever declares it."""
    return f"{entity.name}_{field.name}"


def association_owner(model: Model, entity: Entity, field: Field) -> tuple[Entity, Field]:
    """The end of a many-to-many pair that names the association table (the first declared)."""
    if not field.inverse:
        return entity, field
    target = model.entities[field.target]
    order = list(model.entities)
    mine = (order.index(entity.name), list(entity.fields).index(field.name))
    theirs = (order.index(target.name), list(target.fields).index(field.inverse))
    return (entity, field) if mine <= theirs else (target, target.fields[field.inverse])


def display_fields(entity: Entity) -> list[str]:
    """The fields that name a record in lists and selects: model.yaml's `display`, else the
    first text field, else none (the id)."""
    if entity.display:
        return list(entity.display)
    for field in entity.fields.values():
        if field.type in ("string", "email"):
            return [field.name]
    return []


def column_type(field: Field, table: str = "") -> str:
    t = field.type
    if t == "string":
        return f"sa.String({field.length or 255})"
    if t in ("text",):
        return "sa.Text()"
    if t == "integer":
        return "sa.Integer()"
    if t == "decimal":
        return f"sa.Numeric({field.precision}, {field.scale})"
    if t == "money":
        return "sa.Numeric(14, 4)"
    if t == "boolean":
        return "sa.Boolean()"
    if t == "date":
        return "sa.Date()"
    if t == "datetime":
        return "sa.DateTime(timezone=True)"
    if t == "time":
        return "sa.Time()"
    if t == "enum":
        values = ", ".join(lit(v) for v in field.values)
        length = max(len(v) for v in field.values)
        # Stored as text with a CHECK constraint: portable, and a new value needs no ALTER TYPE.
        return (
            f"sa.Enum({values}, name={lit(f'{table}_{field.name}')}, native_enum=False, "
            f"create_constraint=True, length={length})"
        )
    if t == "email":
        return "sa.String(254)"
    if t == "url":
        return "sa.String(2048)"
    if t == "phone":
        return "sa.String(32)"
    if t == "country":
        return "sa.String(2)"
    if t == "language":
        return "sa.String(8)"
    if t == "image":
        return "ImageColumn()"
    if t == "file":
        return "FileColumn()"
    if t == "json":
        # A blank value is SQL NULL, not the JSON text 'null'.
        return "sa.JSON(none_as_null=True)"
    raise ValueError(t)


def _column(field: Field, table: str) -> str:
    args = [column_type(field, table)]
    args.append(f"nullable={not field.required}")
    if field.unique:
        args.append("unique=True")
    if field.index and not field.unique:
        args.append("index=True")
    if field.default == "now" and field.type == "datetime":
        # The moment the row is written, in UTC, whichever program writes it.
        args.append("default=lambda: datetime.datetime.now(datetime.UTC)")
        args.append("server_default=sa.func.now()")
    elif field.default is not None:
        args.append(f"default={lit(field.default)}")
        args.append(f"server_default={_server_default(field)}")
    if field.help:
        args.append(f"comment={lit(field.help)}")
    return f"    {field.name} = sa.Column({', '.join(args)})\n"


def _server_default(field: Field) -> str:
    value = field.default
    if isinstance(value, datetime.date):
        return f"sa.text({lit(repr(value.isoformat()))})"
    if isinstance(value, bool):
        return "sa.true()" if value else "sa.false()"
    return f"sa.text({lit(repr(str(value)) if isinstance(value, str) else str(value))})"


def _check_constraints(entity: Entity) -> list[str]:
    checks = []
    for field in entity.fields.values():
        name = field.column_name
        if field.min is not None:
            checks.append((f"{name} >= {field.min}", f"ck_{entity.table}_{name}_min"))
        if field.max is not None:
            checks.append((f"{name} <= {field.max}", f"ck_{entity.table}_{name}_max"))
        prefix = f"ck_{entity.table}_{name}"
        if field.type == "string" and field.min_length:
            checks.append((f"length({name}) >= {field.min_length}", f"{prefix}_min_length"))
        if field.type == "text" and field.max_length:
            checks.append((f"length({name}) <= {field.max_length}", f"{prefix}_max_length"))
    return [f"sa.CheckConstraint({lit(sql)}, name={lit(name)})" for sql, name in checks]


def _relations(model: Model, entity: Entity) -> tuple[list[str], set[str]]:
    """The lines of every relation of an entity, and the association tables they use."""
    lines: list[str] = []
    tables: set[str] = set()
    for field in entity.fields.values():
        if field.type == "belongs_to":
            target_table = USER_TABLE if field.target == "user" else field.target
            fk = f'sa.ForeignKey("{target_table}.id", ondelete="{ON_DELETE_SQL[field.on_delete]}")'
            # A unique reference (one record per target: a one-to-one) is indexed by its constraint.
            index = ", unique=True" if field.unique else ", index=True" if field.index else ""
            nullable = f"nullable={not field.required}"
            lines.append(f"    {field.name}_id = sa.Column(sa.Integer, {fk}, {nullable}{index})\n")
            target_class = "User" if field.target == "user" else class_name(field.target)
            args = [lit(target_class), f"foreign_keys=[{field.name}_id]"]
            if field.inverse:
                args.append(f"back_populates={lit(field.inverse)}")
            if field.target == entity.name:
                args.append("remote_side=[id]")
            # Lists and selects show the related record's name: load it with the row.
            args.append('lazy="joined"' if field.target != entity.name else 'lazy="select"')
            lines.append(f"    {field.name} = relationship({', '.join(args)})\n")
        elif field.type == "has_many":
            target_class = class_name(field.target)
            args = [lit(target_class), f"back_populates={lit(field.inverse)}"]
            args.append(f'foreign_keys="{target_class}.{field.inverse}_id"')
            on_delete = model.entities[field.target].fields[field.inverse].on_delete
            # The ORM acts on delete, so the rule holds on SQLite (no foreign keys enforced) too:
            # restrict leaves children alone (app/domain/deletion.py refuses the delete first),
            # cascade deletes them, set_null clears their reference (the ORM's default).
            if on_delete == "restrict":
                args.append('passive_deletes="all"')
            elif on_delete == "cascade":
                args.append('cascade="all, delete-orphan"')
            lines.append(f"    {field.name} = relationship({', '.join(args)})\n")
        elif field.type == "many_to_many":
            owner, owner_field = association_owner(model, entity, field)
            table = association_table_name(owner, owner_field)
            tables.add(table)
            args = [lit(class_name(field.target)), f"secondary={table}"]
            if field.target == entity.name:
                mine, theirs = ("left_id", "right_id")
                if owner_field is not field:
                    mine, theirs = theirs, mine
                args.append(f"primaryjoin=lambda: {entity.class_name}.id == {table}.c.{mine}")
                args.append(f"secondaryjoin=lambda: {entity.class_name}.id == {table}.c.{theirs}")
            if field.inverse:
                args.append(f"back_populates={lit(field.inverse)}")
            if field.name in entity.admin.list_columns:
                # Shown on every row of the list: one query for the page, not one per row.
                args.append('lazy="selectin"')
            lines.append(f"    {field.name} = relationship({', '.join(args)})\n")
    return lines, tables


def association_tables(model: Model) -> str:
    """The module holding every many-to-many association table."""
    out = [HEADER, '"""Association tables of the many-to-many relations."""\n\n']
    out.append("import sqlalchemy as sa\nfrom flask_appbuilder import Model\n\n")
    for entity in model.entities.values():
        for field in entity.fields.values():
            if field.type != "many_to_many":
                continue
            owner, owner_field = association_owner(model, entity, field)
            if owner_field is not field:
                continue
            table = association_table_name(entity, field)
            if field.target == entity.name:
                left, right = "left_id", "right_id"
            else:
                left, right = f"{entity.name}_id", f"{field.target}_id"
            out.append(
                f"{table} = sa.Table(\n    {lit(table)},\n    Model.metadata,\n"
                f'    sa.Column({lit(left)}, sa.Integer, sa.ForeignKey("{entity.table}.id", '
                'ondelete="CASCADE"), primary_key=True),\n'
                f'    sa.Column({lit(right)}, sa.Integer, sa.ForeignKey("{field.target}.id", '
                'ondelete="CASCADE"), primary_key=True, index=True),\n)\n\n'
            )
    return "".join(out)


def entity_module(model: Model, entity: Entity) -> str:
    """The module of one entity's model class (and its translation table if it has one)."""
    relation_lines, tables = _relations(model, entity)
    fields = entity.fields.values()
    uses = {f.type for f in fields}
    imports = ["import sqlalchemy as sa", "from flask_appbuilder import Model"]
    if uses & {"image", "file"}:
        names = [
            name
            for kind, name in (("file", "FileColumn"), ("image", "ImageColumn"))
            if kind in uses
        ]
        imports.append(f"from flask_appbuilder.models.mixins import {', '.join(names)}")
    if any(f.type == "belongs_to" and f.target == "user" for f in fields):
        imports.append("from flask_appbuilder.security.sqla.models import User  # noqa: F401")
    if any(f.default is not None and f.type in ("decimal", "money") for f in fields):
        imports.append("from decimal import Decimal")
    if any(isinstance(f.default, datetime.date) or f.default == "now" for f in fields):
        imports.append("import datetime")
    needs_l = "enum" in uses
    if needs_l:
        imports.append("from flask_babel import lazy_gettext as _l")
    if relation_lines:
        imports.append("from sqlalchemy.orm import relationship")
    if entity.translatable_fields:
        imports.append("from sqlalchemy.orm.collections import attribute_keyed_dict")
        imports.append("from app.domain.translations import translated_property")
    if tables:
        associations = ", ".join(sorted(tables))
        imports.append(f"from app.generated.models._associations import {associations}")
    bases = ["Model"]
    if entity.mixin:
        module, cls = entity.mixin.split(":")
        imports.append(f"from {module} import {cls}")
        bases.insert(0, cls)

    out = [HEADER, f'"""{entity.label}: {entity.help or entity.label_plural}"""\n\n']
    out.append("\n".join(imports) + "\n\n\n")
    translatable = entity.translatable_fields
    if translatable:
        tclass = f"{entity.class_name}Translation"
        out.append(f"class {tclass}(Model):\n")
        what = entity.label.lower()
        out.append(f'    """The {what}\'s translatable fields in one other language."""\n\n')
        out.append(f'    __tablename__ = "{entity.table}_translation"\n')
        out.append(
            f'    __table_args__ = (sa.UniqueConstraint("{entity.name}_id", "language", '
            f'name="uq_{entity.table}_translation_language"),)\n\n'
        )
        out.append("    id = sa.Column(sa.Integer, primary_key=True)\n")
        out.append(
            f'    {entity.name}_id = sa.Column(sa.Integer, sa.ForeignKey("{entity.table}.id", '
            'ondelete="CASCADE"), nullable=False)\n'
        )
        out.append("    language = sa.Column(sa.String(8), nullable=False)\n")
        for field in translatable:
            out.append(f"    {field.name} = sa.Column({column_type(field)}, nullable=True)\n")
        out.append("\n\n")

    out.append(f"class {entity.class_name}({', '.join(bases)}):\n")
    out.append(f'    """{entity.help or entity.label}"""\n\n')
    out.append(f'    __tablename__ = "{entity.table}"\n')
    table_args = [
        f"sa.UniqueConstraint({', '.join(lit(n) for n in _columns(entity, group))}, "
        f'name="uq_{entity.table}_{"_".join(group)}")'
        for group in entity.unique_together
    ]
    table_args += [
        f"sa.Index({lit(_index_name(entity, group))}, "
        f"{', '.join(lit(n) for n in _columns(entity, group))})"
        for group in entity.index_together
    ]
    table_args += _check_constraints(entity)
    if table_args:
        out.append(f"    __table_args__ = ({', '.join(table_args)},)\n")
    out.append("\n")
    for field in fields:
        if field.type == "enum":
            choices = ", ".join(f"({lit(v)}, {tr(label)})" for v, label in field.values.items())
            out.append(f"    {field.name.upper()}_CHOICES = ({choices},)\n")
    out.append("\n    id = sa.Column(sa.Integer, primary_key=True)\n")
    for field in fields:
        if not field.is_relation:
            out.append(_column(field, entity.table))
    out.extend(relation_lines)
    if translatable:
        out.append(
            f'    translations = relationship("{entity.class_name}Translation", '
            'collection_class=attribute_keyed_dict("language"), cascade="all, delete-orphan", '
            'lazy="selectin")\n'
        )
        for field in translatable:
            for language in model.other_languages:
                out.append(
                    f"    {field.name}_{language} = translated_property({lit(field.name)}, "
                    f"{lit(language)})\n"
                )
    display = display_fields(entity)
    out.append("\n    def __str__(self) -> str:\n")
    if len(display) == 1:
        out.append(f'        return str(self.{display[0]} or "")\n')
    elif display:
        parts = ", ".join(f"self.{name}" for name in display)
        out.append(f'        return " ".join(str(part) for part in ({parts}) if part)\n')
    else:
        out.append(f'        return f"{entity.label} {{self.id}}"\n')
    out.append("\n    def __repr__(self) -> str:\n")
    out.append(f'        return f"<{entity.class_name} {{self.id}}>"\n')
    return "".join(out)


def _columns(entity: Entity, names: list[str]) -> list[str]:
    return ["id" if n == "id" else entity.fields[n].column_name for n in names]


def _index_name(entity: Entity, group: list[str]) -> str:
    """ix_<table>_<columns>, cut to PostgreSQL's 63 characters."""
    return f"ix_{entity.table}_{'_'.join(_columns(entity, group))}"[:63]


def package_init(model: Model) -> str:
    """app/generated/models/__init__.py: every model class, importable from one place."""
    out = [HEADER, '"""Every model class generated from model.yaml."""\n\n']
    names = []
    for entity in model.entities.values():
        classes = [entity.class_name]
        if entity.translatable_fields:
            classes.append(f"{entity.class_name}Translation")
        out.append(f"from app.generated.models.{entity.name} import {', '.join(classes)}\n")
        names.extend(classes)
    out.append(f"\n__all__ = [{', '.join(lit(n) for n in sorted(names))}]\n")
    return "".join(out)
