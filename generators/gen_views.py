"""Writes the back-office screens (ModelView) and REST APIs (ModelRestApi), one module an entity."""

from __future__ import annotations

from generators.gen_models import display_fields
from generators.pyfmt import HEADER, lit, tr
from generators.schema import Entity, Field, Model, class_name

# Types whose form input is not what Flask-AppBuilder would derive from the column.
CUSTOM_INPUTS = {"enum", "country", "language", "json", "time"}
NOT_FILTERABLE = {"json", "image", "file", "time", "has_many", "many_to_many"}
# Values lists and records show in the user's locale (app.backoffice.formatting): "1 234,56 €",
# "1 234,5", "5 mars 2026". Whole numbers stay as stored: some are years or codes.
FORMATTERS = {
    "money": "money_text",
    "decimal": "number_text",
    "date": "date_text",
    "datetime": "datetime_text",
    "many_to_many": "names_text",
}
LOCALE_FORMATTED = ("money", "decimal", "date", "datetime")


def row_scoped_entities(model: Model) -> set[str]:
    """Entities that some role sees only part of: their screens and APIs carry the row filter."""
    return {e for role in model.roles.values() for e, p in role.permissions.items() if p.rows}


def form_fields(entity: Entity) -> list[str]:
    """Fields a back-office form edits, in model order (a has-many is edited from the child)."""
    return [f.name for f in entity.fields.values() if f.type != "has_many"]


def translation_inputs(model: Model, entity: Entity) -> list[str]:
    languages = model.other_languages
    return [f"{f.name}_{lang}" for f in entity.translatable_fields for lang in languages]


def _fieldsets(model: Model, entity: Entity, *, editable: bool = False) -> list[str]:
    """The form's sections; `editable` leaves out the read-only fields (kept on the show page)."""
    hints = entity.admin
    sets = [(tr(fs.label), list(fs.fields)) for fs in hints.fieldsets]
    listed = {n for _, names in sets for n in names}
    rest = [n for n in form_fields(entity) if n not in listed]
    if rest:
        sets.append((tr("Other") if sets else tr(entity.label), rest))
    translations = translation_inputs(model, entity)
    if translations:
        sets.append((tr("Translations"), translations))
    if editable:
        sets = [(label, [n for n in names if n not in hints.read_only]) for label, names in sets]
        sets = [(label, names) for label, names in sets if names]
    return [
        f'({label}, {{"fields": [{", ".join(lit(n) for n in names)}]}})' for label, names in sets
    ]


def _max_length(field: Field) -> int | None:
    """The longest text a field's column or check accepts (a string column defaults to 255)."""
    if field.type == "text":
        return field.max_length
    return field.length or 255


def _extra_input(model: Model, entity: Entity, field: Field) -> str | None:
    label = f"LABELS[{lit(field.name)}]"
    description = f"DESCRIPTIONS.get({lit(field.name)}, '')"
    required = lit(field.required)
    if field.type == "enum":
        return (
            f"enum_input({label}, {entity.class_name}.{field.name.upper()}_CHOICES, "
            f"required={required}, description={description})"
        )
    if field.type == "country":
        return f"country_input({label}, required={required}, description={description})"
    if field.type == "language":
        return f"language_input({label}, required={required}, description={description})"
    if field.type == "json":
        return f"json_input({label}, required={required}, description={description})"
    if field.type == "time":
        return f"time_input({label}, required={required}, description={description})"
    return None


def _rules(field: Field) -> list[tuple]:
    """The checks a field's value must pass beyond its column type, said once for the screen's
    WTForms validators and the API's marshmallow ones."""
    rules: list[tuple] = []
    if field.type in ("email", "url", "phone"):
        rules.append((field.type,))
    if field.type == "string" and field.min_length:
        rules.append(("length", field.min_length, field.length or 255))
    if field.type == "text" and field.max_length:
        rules.append(("length", None, field.max_length))
    if field.min is not None or field.max is not None:
        rules.append(("range", field.min, field.max))
    return rules


def _bounds(low, high) -> str:
    parts = [f"min={lit(low)}"] if low is not None else []
    return ", ".join(parts + ([f"max={lit(high)}"] if high is not None else []))


def _validators(field: Field) -> list[str]:
    """WTForms validators for the screen's form."""
    named = {"email": "Email()", "url": "URL()", "phone": "PHONE"}
    out = []
    for rule in _rules(field):
        if rule[0] in named:
            out.append(named[rule[0]])
        elif rule[0] == "length":
            out.append(f"Length({_bounds(rule[1], rule[2])})")
        else:
            out.append(f"NumberRange({_bounds(rule[1], rule[2])})")
    return out


def _api_validators(field: Field) -> list[str]:
    """The same rules as marshmallow validators (the column's own length is checked already).

    Flask-AppBuilder's REST API takes marshmallow validators, one per column: the WTForms ones
    of the screen there make every call carrying the field fail with a 500.
    """
    named = {
        "email": "validate.Email()",
        "url": "validate.URL()",
        "phone": "PHONE_NUMBER",
        "country": "country_code",
        "language": "language_code",
    }
    out = [named[field.type]] if field.type in ("country", "language") else []
    for rule in _rules(field):
        if rule[0] in named:
            out.append(named[rule[0]])
        elif rule[0] == "length":
            # The column's type enforces the maximum of a string; a text has only this one.
            low, high = rule[1], rule[2] if field.type == "text" else None
            out.append(f"validate.Length({_bounds(low, high)})")
        else:
            out.append(f"validate.Range({_bounds(rule[1], rule[2])})")
    return out


def _one_validator(validators: list[str]) -> str:
    """FAB's REST API takes one validator per column: several are chained with validate.And."""
    return validators[0] if len(validators) == 1 else f"validate.And({', '.join(validators)})"


def _shown_fields(model: Model, field: Field) -> list[str]:
    """The related record's fields a belongs_to shows: a user only by username, never whole."""
    if field.target == "user":
        return ["username"]
    return display_fields(model.entities[field.target])


def _api_columns(model: Model, entity: Entity, names: list[str]) -> list[str]:
    """REST columns: relations by id and name, never bare (that would dump the whole row)."""
    columns = ["id"]
    for name in names:
        field = entity.fields[name]
        if field.type == "belongs_to":
            columns += [f"{name}.id"] + [f"{name}.{d}" for d in _shown_fields(model, field)]
        elif field.type in ("has_many", "many_to_many"):
            continue
        else:
            columns.append(name)
    return columns


def entity_module(model: Model, entity: Entity) -> str:
    hints = entity.admin
    scoped = entity.name in row_scoped_entities(model)
    fields = entity.fields
    extra = {f.name: _extra_input(model, entity, f) for f in fields.values()}
    extra = {k: v for k, v in extra.items() if v}
    for field in entity.translatable_fields:
        for lang in model.other_languages:
            extra[f"{field.name}_{lang}"] = (
                f"translation_input(LABELS[{lit(field.name)}], {lit(lang)}, "
                f"multiline={lit(field.type == 'text')}, max_length={lit(_max_length(field))})"
            )
    validators = {f.name: _validators(f) for f in fields.values() if f.name not in extra}
    validators = {k: v for k, v in validators.items() if v}
    wtf = sorted({v.split("(")[0] for vs in validators.values() for v in vs} - {"PHONE"})
    inputs = sorted({e.split("(")[0] for e in extra.values()})

    list_columns = (
        hints.list_columns or [n for n in form_fields(entity) if fields[n].type != "json"][:6]
    )

    # Import only the base classes used: a hand-written base view replaces the screen's, and an
    # entity without an API has no API class (an unused import fails `ruff check`).
    bases = ([] if hints.base_view else ["BackOfficeModelView"]) + (
        ["BackOfficeRestApi"] if entity.api else []
    )
    imports = [
        "from flask_appbuilder.models.sqla.interface import SQLAInterface",
        "from flask_babel import lazy_gettext as _l",
        f"from app.generated.models import {entity.class_name}",
    ]
    if bases:
        imports.append(f"from app.backoffice.views import {', '.join(bases)}")
    if hints.base_view:
        module, cls = hints.base_view.split(":")
        imports.append(f"from {module} import {cls}")
    if inputs:
        imports.append(f"from app.backoffice.inputs import {', '.join(inputs)}")
    if any(f.type == "enum" for f in fields.values()):
        imports.append("from app.backoffice.inputs import choice_label")
    formatting = sorted(
        {FORMATTERS[f.type] for f in fields.values() if f.type in LOCALE_FORMATTED}
        | ({"names_text"} if any(fields[n].type == "many_to_many" for n in list_columns) else set())
    )
    if formatting:
        imports.append(f"from app.backoffice.formatting import {', '.join(formatting)}")
    for reference in entity.checks:
        module, function = reference.split(":")
        imports.append(f"from {module} import {function}")
    if any("PHONE" in vs for vs in validators.values()):
        imports.append("from app.backoffice.inputs import PHONE")
    if wtf:
        imports.append(f"from wtforms.validators import {', '.join(wtf)}")
    scoped_targets = row_scoped_entities(model)
    # Relation inputs offer only the rows the user may see (the same rule as the target's list).
    related_scopes = {
        f.name: f'[["id", RowScope, {lit(f.target)}]]'
        for f in fields.values()
        if f.type in ("belongs_to", "many_to_many") and f.target in scoped_targets
    }
    if scoped or related_scopes:
        imports.append("from app.backoffice.filters import RowScope")
    api_validators = {}
    if entity.api:
        api_validators = {n: _api_validators(fields[n]) for n in fields}
        api_validators = {k: v for k, v in api_validators.items() if v}
    api_names = {v for vs in api_validators.values() for v in vs}
    if any(v.startswith("validate.") for v in api_names):
        imports.append("from marshmallow import validate")
    own = sorted({"PHONE_NUMBER", "country_code", "language_code"} & api_names)
    if own:
        imports.append(f"from app.backoffice.api_validators import {', '.join(own)}")
    if any("Decimal(" in v for vs in [*validators.values(), *api_validators.values()] for v in vs):
        imports.append("from decimal import Decimal")

    out = [HEADER, f'"""Back-office screen and REST API of {entity.label_plural.lower()}."""\n\n']
    out.append("\n".join(imports) + "\n\n")
    labels = [(lit(f.name), tr(f.label)) for f in fields.values()]
    out.append(f"LABELS = {{{', '.join(f'{k}: {v}' for k, v in labels)}}}\n")
    descriptions = [(lit(f.name), tr(f.help)) for f in fields.values() if f.help]
    out.append(f"DESCRIPTIONS = {{{', '.join(f'{k}: {v}' for k, v in descriptions)}}}\n")
    label_items = ", ".join(
        ['"id": _l("Id")']
        + ["**LABELS"]
        + [
            f'"{f.name}.{d}": LABELS[{lit(f.name)}]'
            for f in fields.values()
            if f.type == "belongs_to"
            for d in _shown_fields(model, f)
        ]
    )
    out.append(f"API_LABELS = {{{label_items}}}\n")
    filters = f'[["id", RowScope, {lit(entity.name)}]]' if scoped else None

    # The screen.
    base = hints.base_view.split(":")[1] if hints.base_view else "BackOfficeModelView"
    out.append(f"\n\nclass {entity.view_name}({base}):\n")
    out.append(f'    """{entity.label_plural}: list, show, add, edit, delete and export."""\n\n')
    out.append(f"    datamodel = SQLAInterface({entity.class_name})\n")
    out.append(f"    entity = {lit(entity.name)}\n")
    out.append(f"    list_title = {tr(entity.label_plural)}\n")
    out.append(f"    show_title = {tr(entity.label)}\n")
    out.append(f'    add_title = _l("Add: %(entity)s", entity={tr(entity.label)})\n')
    out.append(f'    edit_title = _l("Edit: %(entity)s", entity={tr(entity.label)})\n')
    out.append("    label_columns = LABELS\n    description_columns = DESCRIPTIONS\n")
    out.append(f"    list_columns = [{', '.join(lit(n) for n in list_columns)}]\n")
    quick = hints.search_columns
    out.append(f"    quick_search_columns = [{', '.join(lit(n) for n in quick)}]\n")
    filter_columns = hints.filter_columns or [
        n for n in list_columns if fields[n].type not in NOT_FILTERABLE
    ]
    out.append(f"    search_columns = [{', '.join(lit(n) for n in filter_columns)}]\n")
    if hints.order_by:
        column = hints.order_by.lstrip("-")
        column = fields[column].column_name if column in fields else column
        direction = "desc" if hints.order_by.startswith("-") else "asc"
        out.append(f"    base_order = ({lit(column)}, {lit(direction)})\n")
    if hints.page_size:
        out.append(f"    page_size = {hints.page_size}\n")
    fieldsets = _fieldsets(model, entity, editable=True)
    out.append(f"    add_fieldsets = [{', '.join(fieldsets)}]\n")
    out.append("    edit_fieldsets = add_fieldsets\n")
    if hints.read_only:
        out.append(f"    show_fieldsets = [{', '.join(_fieldsets(model, entity))}]\n")
    else:
        out.append("    show_fieldsets = add_fieldsets\n")
    checks = [reference.split(":")[1] for reference in entity.checks]
    if checks:
        out.append(f"    record_checks = ({''.join(f'{c}, ' for c in checks)})\n")
    if entity.singleton:
        out.append("    singleton = True\n")
    authored = [f.name for f in fields.values() if f.default == "current_user"]
    if authored:
        out.append(f"    current_user_fields = ({''.join(f'{lit(n)}, ' for n in authored)})\n")
    if extra:
        items = ", ".join(f"{lit(k)}: {v}" for k, v in extra.items())
        out.append(f"    add_form_extra_fields = {{{items}}}\n")
        out.append("    edit_form_extra_fields = add_form_extra_fields\n")
    if validators:
        items = ", ".join(f"{lit(k)}: [{', '.join(v)}]" for k, v in validators.items())
        out.append(f"    validators_columns = {{{items}}}\n")
    shown_lists = [n for n in list_columns if fields[n].type == "many_to_many"]
    formatters = [
        f"{lit(f.name)}: choice_label({entity.class_name}.{f.name.upper()}_CHOICES)"
        if f.type == "enum"
        else f"{lit(f.name)}: {FORMATTERS[f.type]}"
        for f in fields.values()
        if f.type in ("enum", *LOCALE_FORMATTED) or f.name in shown_lists
    ]
    if formatters:
        out.append(f"    formatters_columns = {{{', '.join(formatters)}}}\n")
    if filters:
        out.append(f"    base_filters = {filters}\n")
    if related_scopes:
        items = ", ".join(f"{lit(k)}: {v}" for k, v in related_scopes.items())
        out.append(f"    add_form_query_rel_fields = {{{items}}}\n")
        out.append("    edit_form_query_rel_fields = add_form_query_rel_fields\n")
        out.append("    search_form_query_rel_fields = add_form_query_rel_fields\n")

    # The API.
    if entity.api:
        stored = [n for n in fields if fields[n].type not in ("has_many",)]
        shown = _api_columns(model, entity, stored)
        listed = _api_columns(model, entity, list_columns)
        writable = [
            n
            for n in fields
            if fields[n].type not in ("has_many", "image", "file")
            and n != "id"
            and n not in hints.read_only
        ]
        orderable = [
            fields[n].column_name
            for n in list_columns
            if fields[n].type not in ("has_many", "many_to_many", "belongs_to", "json")
        ]
        out.append(f"\n\nclass {entity.api_name}(BackOfficeRestApi):\n")
        plural = entity.label_plural.lower()
        out.append(f'    """REST API of {plural}: /api/v1/{entity.name}/"""\n\n')
        out.append(f"    resource_name = {lit(entity.name)}\n")
        out.append(f"    datamodel = SQLAInterface({entity.class_name})\n")
        out.append(f"    entity = {lit(entity.name)}\n")
        out.append("    label_columns = API_LABELS\n    description_columns = DESCRIPTIONS\n")
        out.append(f"    list_columns = [{', '.join(lit(n) for n in listed)}]\n")
        out.append(f"    show_columns = [{', '.join(lit(n) for n in shown)}]\n")
        out.append(f"    add_columns = [{', '.join(lit(n) for n in writable)}]\n")
        out.append("    edit_columns = add_columns\n")
        out.append(f"    search_columns = [{', '.join(lit(n) for n in filter_columns)}]\n")
        out.append(f"    order_columns = [{', '.join(lit(n) for n in ['id', *orderable])}]\n")
        if hints.order_by:
            out.append("    base_order = " + _base_order(entity) + "\n")
        if api_validators:
            items = ", ".join(f"{lit(k)}: {_one_validator(v)}" for k, v in api_validators.items())
            out.append(f"    validators_columns = {{{items}}}\n")
        if checks:
            out.append(f"    record_checks = {entity.view_name}.record_checks\n")
        if entity.singleton:
            out.append("    singleton = True\n")
        if authored:
            out.append(f"    current_user_fields = {entity.view_name}.current_user_fields\n")
        if filters:
            out.append(f"    base_filters = {filters}\n")
        if related_scopes:
            out.append(f"    add_query_rel_fields = {entity.view_name}.add_form_query_rel_fields\n")
            out.append("    edit_query_rel_fields = add_query_rel_fields\n")
    return "".join(out)


def _base_order(entity: Entity) -> str:
    order_by = entity.admin.order_by or "id"
    column = order_by.lstrip("-")
    column = entity.fields[column].column_name if column in entity.fields else column
    return f"({lit(column)}, {lit('desc' if order_by.startswith('-') else 'asc')})"


def registry_module(model: Model) -> str:
    """app/generated/registry.py: adds every screen, API and menu entry to Flask-AppBuilder."""
    out = [
        HEADER,
        '"""Registers the generated screens, APIs and menus, in model.yaml\'s order."""\n\n',
    ]
    if any(entity.admin.menu for entity in model.entities.values()):
        out.append("from flask_babel import lazy_gettext as _l\n\n")
    for entity in model.entities.values():
        names = [entity.view_name] + ([entity.api_name] if entity.api else [])
        out.append(f"from app.generated.views.{entity.name} import {', '.join(names)}\n")
    out.append("\n\ndef register(appbuilder) -> None:\n")
    out.append(
        '    """Add the screens and APIs; related lists are wired first, '
        'views refer to each other."""\n'
    )
    for entity in model.entities.values():
        if entity.admin.related:
            related = [class_name(entity.fields[r].target) + "View" for r in entity.admin.related]
            out.append(f"    {entity.view_name}.related_views = [{', '.join(related)}]\n")
    for entity in model.entities.values():
        hints = entity.admin
        if hints.menu:
            menu = model.menus[hints.menu]
            args = [
                entity.view_name,
                lit(entity.name),
                f"label={tr(entity.label_plural)}",
                f"icon={lit(hints.icon)}",
                f"category={lit(menu.name)}",
                f"category_label={tr(menu.label)}",
                f"category_icon={lit(menu.icon)}",
            ]
            out.append(f"    appbuilder.add_view({', '.join(args)})\n")
        else:
            out.append(f"    appbuilder.add_view_no_menu({entity.view_name})\n")
        if entity.api:
            out.append(f"    appbuilder.add_api({entity.api_name})\n")
    return "".join(out)
