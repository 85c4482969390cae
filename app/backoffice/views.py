"""Base classes of the generated screens and APIs: what every entity's screen can do."""

from __future__ import annotations

import datetime
from decimal import Decimal

import sqlalchemy as sa
from flask import Response, abort, current_app, g, redirect, request, send_file, url_for
from flask_appbuilder import ModelRestApi, ModelView
from flask_appbuilder.const import API_RESULT_RES_KEY
from flask_appbuilder.exceptions import DatabaseException
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.mixins import FileColumn, ImageColumn
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.upload import (
    BS3FileUploadFieldWidget,
    BS3ImageUploadFieldWidget,
    FileUploadField,
    ImageUploadField,
)
from flask_appbuilder.urltools import get_filter_args, get_order_args
from flask_appbuilder.validators import Unique
from flask_appbuilder.views import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from marshmallow import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from wtforms.fields.core import UnboundField

from app.backoffice import exports
from app.backoffice.api_schemas import NamedColumnsSchemaConverter
from app.backoffice.uniqueness import unique_conflicts
from app.domain.checks import merged
from app.domain.deletion import records_in_the_way
from app.domain.scoping import ROW_SCOPED_ENTITIES, visible_rows_condition
from app.domain.uploads import stored_file, stored_path
from app.upload_limits import too_large_message


class QuickSearch(BaseFilter):
    """The list's search box: case-insensitive 'contains' over the view's quick_search_columns."""

    name = "Quick search"
    arg_name = "quick"
    # Set on a subclass per view: FAB rebuilds filters from their class, dropping instance state.
    columns: tuple[str, ...] = ()

    def apply(self, query, value):
        words = value.split()
        model = self.model
        for word in words:
            pattern = f"%{_escape_like(word)}%"
            query = query.filter(
                sa.or_(
                    *(
                        sa.cast(getattr(model, column), sa.String).ilike(pattern, escape="\\")
                        for column in self.columns
                    )
                )
            )
        return query


def own_deletion_refusal(item) -> str | None:
    """What the record's own rules (a mixin's `deletion_refusal`) say against deleting it."""
    refuse = getattr(item, "deletion_refusal", None)
    return refuse() if refuse is not None else None


def refusal_message(blocking: list[tuple[str, int]], labels: dict) -> str:
    """'Cannot delete: 3 Customers still refer to this record.' in the user's language."""
    parts = ", ".join(f"{count} {labels.get(name, name)}" for name, count in blocking)
    return _("Cannot delete: %(records)s still refer to this record.", records=parts)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


YES, NO = _l("Yes"), _l("No")


def shown_value(value):
    """A value of a list or a record as the screen shows it, where the model gives no formatter.

    Flask-AppBuilder prints the Python value: "None" for an empty field, "True"/"False" for a
    flag and "[<Contact 7>]" for a many-relation, English (and Python) whatever the language.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value)
    return value


class _DeleteInTheUsersLanguage:
    """Flask-AppBuilder's upload inputs write "Delete" beside a stored file in English."""

    def __call__(self, field, **kwargs):
        html = str(super().__call__(field, **kwargs))
        return Markup(html.replace(">Delete</input>", f">{escape(_('Delete'))}</input>"))


class FileInput(_DeleteInTheUsersLanguage, BS3FileUploadFieldWidget):
    pass


class ImageInput(_DeleteInTheUsersLanguage, BS3ImageUploadFieldWidget):
    pass


UPLOAD_INPUTS = {FileUploadField: FileInput(), ImageUploadField: ImageInput()}


def _translated_upload_inputs(form_class) -> None:
    for field in vars(form_class).values():
        if isinstance(field, UnboundField) and field.field_class in UPLOAD_INPUTS:
            field.kwargs["widget"] = UPLOAD_INPUTS[field.field_class]


SAVE_REFUSED = _l("The record could not be saved: it conflicts with another record.")


class DatabaseRefusal(Exception):
    """The database refused a save the form had accepted; its text is for the user."""


class ScreenInterface(SQLAInterface):
    """Flask-AppBuilder's data interface for the screens, whose database errors are plain words.

    FAB flashes `str(error)` when saving fails: the SQL statement with its values. The forms
    check what they can first (lengths, ranges, unique values), so this is for the rest: two
    people saving the same code at once.
    """

    def add(self, item, commit: bool = True) -> None:
        try:
            super().add(item, commit)
        except SQLAlchemyError:
            raise DatabaseRefusal(str(SAVE_REFUSED)) from None

    def edit(self, item, commit: bool = True) -> None:
        try:
            super().edit(item, commit)
        except DatabaseException:
            raise DatabaseRefusal(str(SAVE_REFUSED)) from None


class BackOfficeModelView(ModelView):
    """A generated entity screen: Flask-AppBuilder's CRUD plus quick search and CSV export.

    model.yaml may name a subclass of this as an entity's `admin.base_view`.
    """

    entity = ""
    quick_search_columns: list[str] = []
    list_template = "backoffice/list.html"
    database_error_message = SAVE_REFUSED
    # model.yaml's `checks`: functions of the values about to be saved, returning
    # {field: [message]}; the same ones run for the API.
    record_checks: tuple = ()
    # model.yaml's `singleton`: the entity has one record (the portal's settings).
    singleton = False
    # model.yaml's `default: current_user`: relations to the user saving a new record.
    current_user_fields: tuple = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        datamodel = cls.__dict__.get("datamodel")
        if type(datamodel) is SQLAInterface:
            cls.datamodel = ScreenInterface(datamodel.obj)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Every column shown without a formatter of the model's gets `shown_value`.
        shown = [*self.list_columns, *self.show_columns]
        for _title, fieldset in self.show_fieldsets or ():
            shown += fieldset.get("fields", [])
        self.formatters_columns = {
            **{column: shown_value for column in shown},
            **(self.formatters_columns or {}),
        }
        # A record shows a form's own field (a translation: "Name (French)") under that field's
        # label; Flask-AppBuilder labels only the model's columns and would print "None".
        form_labels = {
            column: field.kwargs.get("label") or (field.args[0] if field.args else None)
            for column, field in (self.add_form_extra_fields or {}).items()
        }
        self.label_columns = {
            **{column: label for column, label in form_labels.items() if label is not None},
            **{column: label for column, label in self.label_columns.items() if label},
        }

    def process_form(self, form, is_created):
        """A blank input means no value: store NULL, not ''.

        '' would pass a field's Optional() check yet fail the database's (an EAN shorter than 8
        characters), break "has no e-mail" queries and defeat NULL-tolerant unique constraints.
        """
        columns = sa.inspect(self.datamodel.obj).columns
        for field in form:
            column = columns.get(field.name)
            blank = isinstance(field.data, str) and not field.data.strip()
            if blank and column is not None and column.nullable:
                field.data = None
        super().process_form(form, is_created)

    @expose("/list/")
    @has_access
    def list(self):
        """A singleton's list is its one record, when it exists."""
        if self.singleton:
            pk = self.datamodel.session.scalar(singleton_pk(self.datamodel.obj))
            if pk is not None:
                return redirect(url_for(f"{self.endpoint}.show", pk=pk))
        return super().list()

    @expose("/download/<string:filename>")
    @has_access
    def download(self, filename):
        """A file of a record this screen shows the user, else 404.

        Flask-AppBuilder's own download serves any file of the upload folder to whoever may
        download on any screen: a sales representative could fetch another's customer's
        attachment, or a document shared with one customer, by its name.
        """
        if not self._shows_file(filename):
            abort(404)
        try:
            path = stored_path(filename)
        except ValueError:
            abort(404)
        return send_file(
            path, download_name=stored_file(filename).original_name, as_attachment=True
        )

    def _shows_file(self, filename: str) -> bool:
        model = self.datamodel.obj
        table = model.__table__
        names = [
            column.name
            for column in table.columns
            if isinstance(column.type, (FileColumn, ImageColumn))
        ]
        if not names:
            return False
        # Compared in SQL text: Flask-AppBuilder's file types give no cache key, and SQLAlchemy
        # warns of every statement that binds a value of theirs. The names are the model's own.
        matches = sa.or_(*(sa.text(f"{table.name}.{name} = :filename") for name in names)).params(
            filename=filename
        )
        query = sa.select(sa.inspect(model).primary_key[0]).where(matches).limit(1)
        condition = visible_rows_condition(model, self.entity, g.user) if self.entity else None
        if condition is not None:
            query = query.where(condition)
        return self.datamodel.session.scalar(query) is not None

    def pre_add(self, item):
        if self.singleton and self.datamodel.session.scalar(singleton_pk(type(item))):
            raise ValueError(str(ONLY_ONE))
        stamp_current_user(item, self.current_user_fields)

    def pre_delete(self, item):
        """Refuse, with a message naming what is in the way, to delete a restricted record or
        one whose own rules refuse it (`deletion_refusal`)."""
        if self.singleton:
            raise ValueError(str(ONLY_ONE))
        if refusal := own_deletion_refusal(item):
            raise ValueError(refusal)
        blocking = records_in_the_way(self.datamodel.session, item)
        if blocking:
            raise ValueError(refusal_message(blocking, self.label_columns))

    def _quick_filters(self, filters):
        q = (request.args.get("q") or "").strip()
        if not q or not self.quick_search_columns:
            return filters
        search = type(
            f"{type(self).__name__}QuickSearch",
            (QuickSearch,),
            {"columns": tuple(self.quick_search_columns)},
        )
        quick = self.datamodel.get_filters().add_filter_list([["id", search, q]])
        return filters.get_joined_filters(quick)

    def _get_list_widget(self, filters, **kwargs):
        return super()._get_list_widget(self._quick_filters(filters), **kwargs)

    @expose("/export/")
    @has_access
    def export(self):
        """The list as it is filtered on screen, every page, as CSV (or xlsx with `?fmt=xlsx`)
        in the user's language."""
        get_filter_args(self._filters)
        filters = self._quick_filters(self._filters).get_joined_filters(self._base_filters)
        order_column, order_direction = get_order_args().get(self.__class__.__name__, ("", ""))
        if not order_column and self.base_order:
            order_column, order_direction = self.base_order
        _count, rows = self.datamodel.query(filters, order_column, order_direction)
        header = [str(self.label_columns.get(c, c)) for c in self.list_columns]
        values = self.datamodel.get_values(rows, self.list_columns)
        name = self.entity or self.__class__.__name__
        if request.args.get("fmt") == "xlsx":
            body = exports.xlsx_bytes(
                str(self.list_title),
                header,
                ([self._export_cell(c, row[c]) for c in self.list_columns] for row in values),
            )
            return _attachment(body, exports.XLSX_MIMETYPE, f"{name}.xlsx")
        body = exports.csv_text(
            header, ([self._export_text(c, row[c]) for c in self.list_columns] for row in values)
        )
        return _attachment(body, "text/csv", f"{name}.csv")

    def _export_text(self, column, value) -> str:
        formatter = self.formatters_columns.get(column)
        if formatter is not None:
            value = formatter(value)
        if value is None:
            return ""
        # Formatters write HTML for the list page; a spreadsheet wants the text ("l'été", not
        # "l&#39;été").
        return value.unescape() if isinstance(value, Markup) else str(value)

    def _export_cell(self, column, value):
        """An xlsx cell keeps numbers and dates as such, so the seller can sum and sort them."""
        if isinstance(value, Decimal | int | float | datetime.date) and not isinstance(value, bool):
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)  # xlsx has no time zones
            return value
        return self._export_text(column, value)

    def quick_search_labels(self) -> str:
        return ", ".join(str(self.label_columns.get(c, c)) for c in self.quick_search_columns)

    def render_template(self, template, **kwargs):
        return super().render_template(template, view=self, **kwargs)

    def _init_forms(self):
        # Flask-AppBuilder's form converter appends its Length/InputRequired/Optional to the very
        # lists of `validators_columns`, a class attribute: every app built in the process would
        # add its own to every earlier app's forms. A copy per view instance keeps each app's
        # forms as the first (and, in production, only) app in a process gets them.
        self.validators_columns = {
            name: list(validators) for name, validators in (self.validators_columns or {}).items()
        }
        super()._init_forms()
        for form_class in (self.add_form, self.edit_form):
            _translated_upload_inputs(form_class)
        self.add_form = _checking_records(self.add_form, self)
        self.edit_form = _checking_records(self.edit_form, self)


ONLY_ONE = _l("There is only one such record: edit it rather than adding or deleting one.")


def stamp_current_user(item, fields) -> None:
    """The user saving the record is its author (g.user: session and JWT requests alike)."""
    for name in fields:
        if getattr(item, name) is None:
            setattr(item, name, g.user)


def singleton_pk(model_class):
    return sa.select(sa.inspect(model_class).primary_key[0]).limit(1)


def _attachment(body, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def record_problems(view, model_class, value_of, *, exclude_pk) -> dict[str, list[str]]:
    """What stops a record from being saved, screen and API alike: a unique value another row
    holds, then what the entity's `checks` from model.yaml refuse."""
    return merged(
        unique_conflicts(
            view.datamodel.session,
            model_class,
            value_of,
            exclude_pk=exclude_pk,
            labels=view.label_columns,
        ),
        *(check(value_of) for check in view.record_checks),
    )


def _checking_records(form_class, view):
    """`form_class` also refusing, with the message next to the field:

    - a value another row holds under a unique constraint, naming that row (Flask-AppBuilder's
      own check says only "Already exists." and knows nothing of unique_together, whose
      duplicate would reach the database and flash its SQL);
    - what the entity's `checks` from model.yaml refuse (a VAT number invalid for the country).
    """
    for unbound in vars(form_class).values():
        validators = getattr(unbound, "kwargs", {}).get("validators")
        if validators:
            validators[:] = [v for v in validators if not isinstance(v, Unique)]

    class CheckedForm(form_class):
        def validate(self, extra_validators=None):
            valid = super().validate(extra_validators)
            problems = record_problems(
                view,
                view.datamodel.obj,
                self._value_getter(),
                exclude_pk=getattr(self, "_id", None),
            )
            shown = set()
            for name, messages in problems.items():
                target = name if name in self else next(iter(self)).name
                if self[target].errors:
                    continue  # its own message says enough ("too short" before "bad digit")
                fresh = [m for m in messages if m not in shown]
                self[target].errors = [*self[target].errors, *fresh]
                shown.update(fresh)
            return valid and not problems

        def _value_getter(self):
            # Fields the form does not show (read-only ones) keep the edited record's value.
            pk = getattr(self, "_id", None)
            stored = view.datamodel.get(pk) if pk is not None else None

            def value_of(name):
                if name in self:
                    return self[name].data
                return getattr(stored, name, None)

            return value_of

    CheckedForm.__name__ = form_class.__name__
    return CheckedForm


class BackOfficeRestApi(ModelRestApi):
    """A generated entity's REST API: JWT only (no cookie login, so no CSRF exposure).

    Creating and editing are Flask-AppBuilder's, with three more refusals, each a 422 naming the
    field like its own validation errors: a relation to a record that does not exist (marshmallow
    would otherwise create one from the body: a customer edit could create customer groups,
    contacts, even users), a value another record holds under a unique constraint, and whatever
    the database still refuses, without its SQL.
    """

    entity = ""
    allow_browser_login = False
    model2schemaconverter = NamedColumnsSchemaConverter
    record_checks: tuple = ()
    singleton = False
    current_user_fields: tuple = ()

    def pre_add(self, item):
        stamp_current_user(item, self.current_user_fields)

    def delete_headless(self, pk) -> Response:
        item = self.datamodel.get(pk, self._base_filters)
        if item is not None and self.singleton:
            return self.response_422(message=str(ONLY_ONE))
        if item is not None and (refusal := own_deletion_refusal(item)):
            return self.response_422(message=refusal)
        if item is not None:
            blocking = records_in_the_way(self.datamodel.session, item)
            if blocking:
                return self.response_422(message=refusal_message(blocking, self.label_columns))
        return super().delete_headless(pk)

    def _too_large(self) -> Response | None:
        """Over MAX_CONTENT_LENGTH: 413 with a message (Flask-AppBuilder's API would answer 500
        when reading the body raises)."""
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        if limit and (request.content_length or 0) > limit:
            return self.response(413, message=too_large_message(limit))
        return None

    def post_headless(self) -> Response:
        if refused := self._too_large():
            return refused
        if not request.is_json:
            return self.response_400(message="Request is not JSON")
        session = self.datamodel.session
        with session.no_autoflush:
            try:
                item = self.add_model_schema.load(request.json)
            except ValidationError as err:
                session.rollback()
                return self.response_422(message=err.messages)
            problems = self._problems(item, self.add_columns, exclude_pk=None)
            if self.singleton and session.scalar(singleton_pk(type(item))) is not None:
                problems = {"_schema": [str(ONLY_ONE)]}
        if problems:
            session.rollback()
            return self.response_422(message=problems)
        self.pre_add(item)
        try:
            self.datamodel.add(item)
        except (SQLAlchemyError, DatabaseException):
            return self._refused_by_database()
        self.post_add(item)
        return self.response(
            201,
            **{
                API_RESULT_RES_KEY: self.add_model_schema.dump(item, many=False),
                "id": self.datamodel.get_pk_value(item),
            },
        )

    def put_headless(self, pk) -> Response:
        if refused := self._too_large():
            return refused
        item = self.datamodel.get(pk, self._base_filters)
        if not request.is_json:
            return self.response_400(message="Request is not JSON")
        if not item:
            return self.response_404()
        if not isinstance(request.json, dict):
            return self.response_422(message={"_schema": ["Invalid input type."]})
        session = self.datamodel.session
        with session.no_autoflush:
            try:
                data = self._merge_update_item(item, request.json)
                item = self.edit_model_schema.load(data, instance=item)
            except ValidationError as err:
                session.rollback()
                return self.response_422(message=err.messages)
            problems = self._problems(item, self.edit_columns, self.datamodel.get_pk_value(item))
        if problems:
            session.rollback()
            return self.response_422(message=problems)
        self.pre_update(item)
        try:
            self.datamodel.edit(item)
        except (SQLAlchemyError, DatabaseException):
            return self._refused_by_database()
        self.post_update(item)
        return self.response(
            200, **{API_RESULT_RES_KEY: self.edit_model_schema.dump(item, many=False)}
        )

    def _problems(self, item, columns, exclude_pk) -> dict[str, list[str]]:
        problems = _unknown_related_records(item, columns)
        if problems:
            return problems

        return record_problems(
            self, type(item), lambda name: getattr(item, name, None), exclude_pk=exclude_pk
        )

    def _refused_by_database(self) -> Response:
        # The datamodel has logged the database's error and rolled back.
        self.datamodel.session.rollback()
        return self.response_422(message=str(SAVE_REFUSED))


def _unknown_related_records(item, columns) -> dict[str, list[str]]:
    """Relations of `item` naming a record that is not in the database, or that the user may not
    see (the same answer, so the API does not tell which rows exist)."""
    problems = {}
    relationships = sa.inspect(type(item)).relationships
    for name in columns:
        rel = relationships.get(name)
        if rel is None:
            continue
        value = getattr(item, name)
        related = list(value) if rel.uselist else [] if value is None else [value]
        if any(not sa.inspect(record).persistent for record in related) or not _all_visible(
            rel.mapper.class_, related
        ):
            problems[name] = [_("No such record.")]
    return problems


def _all_visible(model_class, records) -> bool:
    entity = model_class.__tablename__
    if not records or entity not in ROW_SCOPED_ENTITIES:
        return True
    condition = visible_rows_condition(model_class, entity, g.user)
    if condition is None:
        return True
    ids = {record.id for record in records}
    session = sa.inspect(records[0]).session
    visible = session.scalars(sa.select(model_class.id).where(model_class.id.in_(ids), condition))
    return set(visible) == ids
