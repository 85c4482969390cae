"""Bad model files: the loader reports every mistake at once, like a compiler, never a traceback.

Each file in bad_models/ is a complete, small model.yaml with one kind of mistake (a few have
several, to show that all of them come out of one run); its name says what the loader does about
it. The expected errors below are the exact lines a user sees: `model.yaml:LINE:COL: key.path:
message [CODE] (hint)`, pointing at the offending key or value.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from generators.errors import ModelError, ModelInvalid
from generators.loader import load_model, load_model_text
from generators.schema import Model

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "model.yaml"
BAD_MODELS = Path(__file__).parent / "bad_models"

EXPECTED: dict[str, list[str]] = {
    "checks_read_only_and_singleton_are_checked": [
        "model.yaml:12:16: entities.portal_settings.singleton: expected true or false, found "
        "the text 'yes please' [MODEL-E103]",
        "model.yaml:13:14: entities.portal_settings.checks: invalid function reference "
        "'app.domain.settings.settings_problems': expected 'package.module:function' "
        "[MODEL-E121]",
        "model.yaml:21:18: entities.portal_settings.fields.opened_at.default: a field of type "
        "'datetime' can only default to 'now', found the text 'today' [MODEL-E118]",
        "model.yaml:25:18: entities.portal_settings.fields.closes_at.default: a field of type "
        "'time' cannot have a default [MODEL-E118]",
        "model.yaml:30:18: entities.portal_settings.fields.parent.default: a belongs_to can "
        "only default to 'current_user', and only with target 'user' [MODEL-E118]",
        "model.yaml:32:19: entities.portal_settings.admin.read_only: 'portal_settings' has no "
        "stored field 'shop_nam' [MODEL-E110] (did you mean 'shop_name'?)",
        "model.yaml:33:24: entities.portal_settings.admin.filter_columns: field 'closes_at' of "
        "type 'time' cannot be used in filter_columns [MODEL-E110]",
    ],
    "a_model_without_superuser_role_is_refused": [
        "model.yaml:17:1: roles: expected exactly one role with 'superuser: true', found none"
        " [MODEL-E109] (add 'superuser: true' to the administrators' role)",
    ],
    "dangling_relation_target_suggests_the_closest_entity": [
        "model.yaml:24:17: entities.article.fields.family.target: unknown entity 'famliy' "
        "[MODEL-E108] (did you mean 'family'?)",
    ],
    "display_names_only_fields_that_can_name_a_record": [
        "model.yaml:12:15: entities.contact.display: 'contact' has no field 'first_nam' "
        "[MODEL-E110] (did you mean 'first_name'?)",
        "model.yaml:12:26: entities.contact.display: field 'photo' of type 'image' cannot name a "
        "record [MODEL-E110]",
        "model.yaml:12:45: entities.contact.display: field 'first_name' is listed twice "
        "[MODEL-E107]",
    ],
    "decimal_scale_cannot_exceed_precision": [
        "model.yaml:16:16: entities.article.fields.weight.scale: scale 6 is larger than "
        "precision 4 [MODEL-E113]",
    ],
    "default_language_must_be_one_of_the_languages": [
        "model.yaml:6:21: app.default_language: default language 'en' is not in app.languages"
        " (fr, nl) [MODEL-E119]",
    ],
    "duplicate_entity_names_its_first_line": [
        "model.yaml:16:3: entities.article: duplicate key 'article' (first defined on line "
        "10) [MODEL-E107]",
    ],
    "duplicate_field_names_its_first_line": [
        "model.yaml:19:7: entities.article.fields.name: duplicate key 'name' (first defined "
        "on line 13) [MODEL-E107]",
    ],
    "empty_action_list_is_refused": [
        "model.yaml:24:16: roles.guest.permissions.article: expected at least one action "
        "[MODEL-E111] (leave the entity out of the role to give no access to it)",
    ],
    "empty_app_section_reports_its_missing_keys": [
        "model.yaml:3:1: app.currency: missing required key 'currency' [MODEL-E102]",
        "model.yaml:3:1: app.default_language: missing required key 'default_language' "
        "[MODEL-E102]",
        "model.yaml:3:1: app.languages: missing required key 'languages' [MODEL-E102]",
        "model.yaml:3:1: app.name: missing required key 'name' [MODEL-E102]",
    ],
    "empty_file_is_reported_as_empty": [
        "model.yaml:1:1: (document): the model file is empty [MODEL-E002]",
    ],
    "empty_language_list_is_refused": [
        "model.yaml:5:14: app.languages: expected at least one language [MODEL-E102]",
    ],
    "empty_roles_section_is_refused": [
        "model.yaml:17:8: roles: expected at least one role, the superuser [MODEL-E102]",
    ],
    "entities_giving_the_same_class_name_are_refused": [
        "model.yaml:16:3: entities.article2: entity 'article2' gives the class name Article2,"
        " already used by 'article_2' [MODEL-E122]",
    ],
    "entity_id_must_be_snake_case": [
        "model.yaml:10:3: entities.PriceLevel: invalid entity id 'PriceLevel': expected "
        "snake_case (lower-case letters, digits and underscores, starting with a letter) "
        "[MODEL-E105] (did you mean 'price_level'?)",
    ],
    "enum_default_must_be_one_of_the_values": [
        "model.yaml:16:18: entities.customer.fields.status.default: default 'activ' is not "
        "one of the values: pending, active [MODEL-E118] (did you mean 'active'?)",
    ],
    "field_in_two_fieldsets_names_the_first_fieldset": [
        "model.yaml:24:20: entities.customer.admin.fieldsets[1].fields: field 'email' is "
        "already in fieldset 1 ('Identity') [MODEL-E107]",
    ],
    "field_written_as_a_bare_type_shows_the_mapping_form": [
        "model.yaml:13:13: entities.article.fields.name: expected a mapping with at least "
        "'type' and 'label', found the text 'string' [MODEL-E103] (write 'name: {type: "
        "string, label: ...}')",
    ],
    "fieldset_naming_an_unknown_field_suggests_the_closest_field": [
        "model.yaml:22:26: entities.customer.admin.fieldsets[0].fields: 'customer' has no "
        "field 'emial' [MODEL-E110] (did you mean 'email'?)",
    ],
    "has_many_with_wrong_inverse_suggests_the_belongs_to": [
        "model.yaml:19:18: entities.family.fields.articles.inverse: 'familly' is not a "
        "belongs_to field of 'article' pointing back at 'family' [MODEL-E116] (did you mean "
        "'family'?)",
    ],
    "has_many_without_inverse_is_reported_not_raised": [
        "model.yaml:16:7: entities.family.fields.articles.inverse: missing required key "
        "'inverse' [MODEL-E102]",
    ],
    "impossible_date_is_reported_not_raised": [
        "model.yaml:16:18: entities.article.fields.publication_date.default: '2024-02-30' "
        "looks like a date but is not a valid one: day is out of range for month [MODEL-E103]"
        " (write a real date such as 2024-01-31, or quote the value if it is text)",
    ],
    "length_does_not_apply_to_an_integer": [
        "model.yaml:16:9: entities.article.fields.minimum_quantity.length: 'length' does not "
        "apply to a field of type 'integer' [MODEL-E114]",
    ],
    "length_must_be_a_whole_number": [
        "model.yaml:15:17: entities.article.fields.name.length: expected a whole number, "
        "found the text 'abc' [MODEL-E103]",
    ],
    "list_column_naming_a_missing_field_suggests_the_closest_field": [
        "model.yaml:20:28: entities.article.admin.list_columns: 'article' has no field "
        "'price' [MODEL-E110] (did you mean 'base_price'?)",
        "model.yaml:20:35: entities.article.admin.list_columns: 'article' has no field "
        "'base_prise' [MODEL-E110] (did you mean 'base_price'?)",
    ],
    "many_to_many_inverse_must_name_each_other": [
        "model.yaml:35:18: entities.contact.fields.former_customers.inverse: "
        "'customer.contacts' names 'customers' as its inverse, not 'former_customers' "
        "[MODEL-E116]",
    ],
    "min_cannot_exceed_max": [
        "model.yaml:16:14: entities.customer.fields.payment_days.min: min 90 is larger than "
        "max 30 [MODEL-E113]",
    ],
    "missing_entities_is_reported_on_the_document": [
        "model.yaml:1:1: entities: missing required key 'entities' [MODEL-E102]",
    ],
    "missing_field_label_is_reported_on_the_field": [
        "model.yaml:13:7: entities.article.fields.name.label: missing required key 'label' "
        "[MODEL-E102]",
    ],
    "misspelt_field_key_suggests_the_closest_key": [
        "model.yaml:15:9: entities.article.fields.name.lenght: unknown key 'lenght'; expected"
        " one of: default, help, index, label, length, min_length, required, translatable, "
        "type, unique [MODEL-E101] (did you mean 'length'?)",
    ],
    "mixin_must_be_a_module_and_class_reference": [
        "model.yaml:12:12: entities.customer.mixin: invalid class reference "
        "'app.domain.customers.CustomerRules': expected 'package.module:ClassName' "
        "[MODEL-E121]",
    ],
    "permission_for_unknown_entity_suggests_the_closest_entity": [
        "model.yaml:25:7: roles.editor.permissions.artcle: unknown entity 'artcle' "
        "[MODEL-E108] (did you mean 'article'?)",
    ],
    "portal_role_cannot_have_permissions": [
        "model.yaml:25:7: roles.buyer.permissions.article: a portal role cannot be given "
        "back-office permissions; the portal checks its contacts through app/domain "
        "[MODEL-E117] (remove 'permissions', or make it a back_office role)",
    ],
    "python_keyword_cannot_be_a_field_id": [
        "model.yaml:13:7: entities.article.fields.class: 'class' is a Python keyword and "
        "cannot be a field id [MODEL-E106]",
    ],
    "related_must_name_a_has_many": [
        "model.yaml:27:17: entities.family.admin.related: field 'parent' is of type "
        "'belongs_to'; related lists need a has_many or many_to_many field [MODEL-E123]",
        "model.yaml:27:25: entities.family.admin.related: 'family' has no has_many field "
        "'childs' [MODEL-E123] (did you mean 'children'?)",
    ],
    "required_must_be_true_or_false": [
        "model.yaml:16:19: entities.article.fields.name.required: expected true or false, "
        "found the text 'yes' [MODEL-E103] (write true without quotes)",
    ],
    "reserved_entity_order_suggests_sales_order": [
        "model.yaml:10:3: entities.order: 'order' is a reserved name and cannot be an entity "
        "id [MODEL-E106] (did you mean 'sales_order'?)",
    ],
    "reserved_entity_user_points_at_the_built_in_user": [
        "model.yaml:10:3: entities.user: 'user' is a reserved name and cannot be an entity id"
        " [MODEL-E106] (Flask-AppBuilder's users are built in: a belongs_to can target 'user'"
        " directly)",
    ],
    "reserved_field_id_is_refused": [
        "model.yaml:13:7: entities.article.fields.id: 'id' is a reserved name and cannot be a"
        " field id [MODEL-E106] (every entity already has an 'id' primary key)",
    ],
    "row_rule_current_user_needs_a_belongs_to_user": [
        "model.yaml:37:19: roles.sales_rep.permissions.customer.rows.status: 'current_user' "
        "needs a belongs_to field with target 'user'; 'status' is of type 'enum' [MODEL-E120]",
    ],
    "row_rule_through_unknown_field_suggests_the_closest_field": [
        "model.yaml:41:11: roles.sales_rep.permissions.contact.rows.customer.salesrep: "
        "'customer' has no field 'salesrep' [MODEL-E120] (did you mean 'sales_rep'?)",
    ],
    "search_columns_cannot_hold_a_has_many": [
        "model.yaml:22:30: entities.family.admin.search_columns: field 'articles' of type "
        "'has_many' cannot be used in search_columns [MODEL-E110]",
    ],
    "set_null_is_impossible_on_a_required_relation": [
        "model.yaml:21:20: entities.customer.fields.sales_rep.on_delete: 'set_null' is "
        "impossible on a required relation [MODEL-E113] (use 'restrict' or 'cascade', or drop"
        " 'required: true')",
    ],
    "several_field_mistakes_are_all_reported": [
        "model.yaml:16:21: entities.article.fields.sku.min_length: min_length 13 is larger "
        "than length 8 [MODEL-E113]",
        "model.yaml:22:23: entities.article.fields.name.translatable: a translatable field "
        "cannot be unique [MODEL-E113]",
        "model.yaml:26:16: entities.article.fields.weight.scale: scale 6 is larger than "
        "precision 4 [MODEL-E113]",
        "model.yaml:31:14: entities.article.fields.minimum_quantity.min: min 10 is larger "
        "than max 1 [MODEL-E113]",
        "model.yaml:37:18: entities.article.fields.vat_rate.default: default 120 is above max"
        " 100 [MODEL-E118]",
        "model.yaml:41:18: entities.article.fields.status.default: default 'draft' is not one"
        " of the values: active, hidden [MODEL-E118]",
        "model.yaml:50:20: entities.article.fields.buyer.on_delete: 'set_null' is impossible "
        "on a required relation [MODEL-E113] (use 'restrict' or 'cascade', or drop 'required:"
        " true')",
    ],
    "several_mistakes_across_sections_are_all_reported": [
        "model.yaml:5:19: app.languages: unknown language 'it'; expected one of: en, fr, nl, "
        "es, de [MODEL-E119]",
        "model.yaml:7:13: app.currency: invalid currency 'euro': expected an ISO 4217 code "
        "such as EUR [MODEL-E103]",
        "model.yaml:10:3: entities.order: 'order' is a reserved name and cannot be an entity "
        "id [MODEL-E106] (did you mean 'sales_order'?)",
        "model.yaml:18:17: entities.order.fields.customer.target: unknown entity 'customr' "
        "[MODEL-E108] (did you mean 'customer'?)",
        "model.yaml:23:7: entities.customer.fields.id: 'id' is a reserved name and cannot be "
        "a field id [MODEL-E106] (every entity already has an 'id' primary key)",
        "model.yaml:29:18: entities.customer.fields.orders.inverse: 'client' is not a "
        "belongs_to field of 'order' pointing back at 'customer' [MODEL-E116] (add to 'order'"
        " a belongs_to field with target 'customer')",
        "model.yaml:38:5: roles.boss.superuser: expected exactly one role with 'superuser: "
        "true', found 2: admin, boss [MODEL-E109]",
        "model.yaml:43:7: roles.buyer.permissions.order: a portal role cannot be given "
        "back-office permissions; the portal checks its contacts through app/domain "
        "[MODEL-E117] (remove 'permissions', or make it a back_office role)",
        "model.yaml:47:17: roles.sales_rep.permissions.customer: actions other than list and "
        "show need 'list' or 'show' too: nobody can edit what they cannot see [MODEL-E111]",
        "model.yaml:47:24: roles.sales_rep.permissions.customer: unknown action 'remove'; "
        "expected one of: list, show, add, edit, delete, export [MODEL-E111]",
        "model.yaml:48:7: roles.sales_rep.permissions.invoice: unknown entity 'invoice' "
        "[MODEL-E108]",
    ],
    "several_mistakes_in_one_entity_are_all_reported": [
        "model.yaml:17:7: entities.article.fields.name.label: missing required key 'label' "
        "[MODEL-E102]",
        "model.yaml:19:17: entities.article.fields.name.length: 'length' must be 1 or more, "
        "found 0 [MODEL-E113]",
        "model.yaml:21:15: entities.article.fields.base_price.type: unknown type 'moeny'; "
        "expected one of: string, text, integer, decimal, money, boolean, date, datetime, "
        "time, enum, email, url, phone, country, language, image, file, json, belongs_to, "
        "has_many,"
        " many_to_many [MODEL-E104] (did you mean 'money'?)",
        "model.yaml:26:18: entities.article.fields.status.default: default 'draft' is not one"
        " of the values: active, hidden [MODEL-E118]",
        "model.yaml:31:13: entities.article.admin.menu: unknown menu 'catalog'; declare it "
        "under 'menus' [MODEL-E115] (did you mean 'catalogue'?)",
        "model.yaml:32:40: entities.article.admin.list_columns: 'article' has no field "
        "'stock' [MODEL-E110]",
        "model.yaml:33:17: entities.article.admin.order_by: 'article' has no field 'created' "
        "[MODEL-E110]",
    ],
    "superuser_written_as_text_is_reported_once": [
        "model.yaml:20:16: roles.admin.superuser: expected true or false, found the text "
        "'yes' [MODEL-E103] (write true without quotes)",
    ],
    "tab_indentation_is_a_syntax_error": [
        "model.yaml:14:1: (syntax): YAML syntax error: found character '\\t' that cannot start"
        " any token [MODEL-E001] (indent with spaces, not tabs)",
    ],
    "top_level_list_is_not_a_model": [
        "model.yaml:1:1: (document): expected a mapping with version, app, entities and "
        "roles, found a list [MODEL-E103]",
    ],
    "index_together_of_one_field_is_refused": [
        "model.yaml:13:9: entities.contact.index_together[0]: expected a list of at least two "
        "field names [MODEL-E103] (for a single field, write 'index: true' on the field)",
        "model.yaml:14:21: entities.contact.index_together[1]: 'contact' has no field "
        "'firstname' [MODEL-E110] (did you mean 'first_name'?)",
    ],
    "translatable_field_cannot_be_unique": [
        "model.yaml:17:23: entities.article.fields.name.translatable: a translatable field "
        "cannot be unique [MODEL-E113]",
    ],
    "two_superuser_roles_are_refused": [
        "model.yaml:23:5: roles.boss.superuser: expected exactly one role with 'superuser: "
        "true', found 2: admin, boss [MODEL-E109]",
    ],
    "two_yaml_documents_are_refused": [
        "model.yaml:8:1: (syntax): YAML syntax error: expected a single document in the "
        "stream, but found another document [MODEL-E001] (model.yaml is a single document: "
        "remove the '---' line)",
    ],
    "unique_together_naming_an_unknown_field_is_refused": [
        "model.yaml:13:22: entities.contact.unique_together[0]: 'contact' has no field "
        "'lastname' [MODEL-E110] (did you mean 'last_name'?)",
    ],
    "unknown_action_lists_the_known_actions": [
        "model.yaml:24:29: roles.editor.permissions.article: unknown action 'remove'; "
        "expected one of: list, show, add, edit, delete, export [MODEL-E111]",
    ],
    "unknown_language_suggests_the_closest_language": [
        "model.yaml:5:19: app.languages: unknown language 'fre'; expected one of: en, fr, nl,"
        " es, de [MODEL-E119] (did you mean 'fr'?)",
    ],
    "unknown_menu_suggests_the_declared_menu": [
        "model.yaml:21:13: entities.article.admin.menu: unknown menu 'catalog'; declare it "
        "under 'menus' [MODEL-E115] (did you mean 'catalogue'?)",
    ],
    "unknown_relation_type_suggests_belongs_to": [
        "model.yaml:28:15: entities.article.fields.family.type: unknown type 'belongsto'; "
        "expected one of: string, text, integer, decimal, money, boolean, date, datetime, "
        "time, enum, email, url, phone, country, language, image, file, json, belongs_to, "
        "has_many,"
        " many_to_many [MODEL-E104] (did you mean 'belongs_to'?)",
    ],
    "unknown_top_level_key_suggests_the_closest_key": [
        "model.yaml:9:1: entites: unknown key 'entites'; expected one of: app, entities, "
        "menus, roles, version [MODEL-E101] (did you mean 'entities'?)",
    ],
    "unknown_type_suggests_the_closest_known_type": [
        "model.yaml:17:15: entities.customer.fields.credit_limit.type: unknown type 'moeny'; "
        "expected one of: string, text, integer, decimal, money, boolean, date, datetime, "
        "time, enum, email, url, phone, country, language, image, file, json, belongs_to, "
        "has_many,"
        " many_to_many [MODEL-E104] (did you mean 'money'?)",
    ],
    "unsupported_version_is_refused": [
        "model.yaml:1:10: version: unsupported version 2; expected 1 [MODEL-E124]",
    ],
    "yaml_syntax_error_points_at_the_broken_line": [
        "model.yaml:6:19: (syntax): YAML syntax error: expected ',' or ']', but got ':' "
        "[MODEL-E001] (while parsing a flow sequence that starts at line 5, column 14)",
    ],
    "yaml_tags_are_reported_not_raised": [
        "model.yaml:11:12: entities.article.label: cannot read the value 'Article' tagged "
        "!translate: could not determine a constructor for the tag '!translate' [MODEL-E103] "
        "(model.yaml needs no YAML tags; remove '!translate')",
        "model.yaml:16:19: entities.article.fields.name.required: cannot read the value "
        "'maybe' tagged !!bool: not a valid value for this tag [MODEL-E103] (model.yaml needs"
        " no YAML tags; remove '!!bool')",
    ],
    "yes_and_no_labels_need_quotes": [
        "model.yaml:20:16: entities.article.fields.organic.values.yes: expected the English "
        "label of 'yes', found the boolean true [MODEL-E112] (quote it to make it a text: "
        '"Yes")',
        "model.yaml:21:15: entities.article.fields.organic.values.no: expected the English "
        "label of 'no', found the boolean false [MODEL-E112] (quote it to make it a text: "
        '"No")',
    ],
}


def _errors(text: str) -> list[str]:
    with pytest.raises(ModelInvalid) as raised:
        load_model_text(text)
    return [str(error) for error in raised.value.errors]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_model_is_reported_exactly(name):
    text = (BAD_MODELS / f"{name}.yaml").read_text(encoding="utf-8")
    assert _errors(text) == EXPECTED[name]


def test_every_bad_model_file_has_its_expected_errors():
    assert sorted(p.stem for p in BAD_MODELS.glob("*.yaml")) == sorted(EXPECTED)


def test_the_real_model_loads_without_error():
    model = load_model(MODEL)
    assert isinstance(model, Model)
    assert model.entities and model.roles


def test_errors_name_the_file_they_were_read_from(tmp_path):
    path = tmp_path / "shop.yaml"
    path.write_text((BAD_MODELS / "unsupported_version_is_refused.yaml").read_text())
    with pytest.raises(ModelInvalid) as raised:
        load_model(path)
    assert [str(e) for e in raised.value.errors] == [
        "shop.yaml:1:10: version: unsupported version 2; expected 1 [MODEL-E124]"
    ]


def test_a_file_that_is_not_utf8_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_bytes(b"version: 1\napp:\n  name: Caf\xe9\n")
    with pytest.raises(ModelInvalid) as raised:
        load_model(path)
    [error] = raised.value.errors
    assert (error.line, error.column, error.path, error.code) == (1, 1, "(file)", "MODEL-E000")
    assert error.message.startswith("cannot read the file: ")


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(ModelInvalid) as raised:
        load_model(tmp_path / "model.yaml")
    assert [e.code for e in raised.value.errors] == ["MODEL-E000"]


def test_a_control_character_is_reported_where_it_stands():
    assert _errors("version: 1\napp:\n  name: B2B\x00portal\n") == [
        "model.yaml:3:12: (syntax): YAML syntax error: unacceptable character #x0000: special "
        "characters are not allowed [MODEL-E001]"
    ]


def test_the_error_message_lists_every_error_one_per_line():
    text = (BAD_MODELS / "several_mistakes_in_one_entity_are_all_reported.yaml").read_text()
    with pytest.raises(ModelInvalid) as raised:
        load_model_text(text)
    assert (
        str(raised.value).splitlines()
        == EXPECTED["several_mistakes_in_one_entity_are_all_reported"]
    )


# ------------------------------------------------------------------ mutations of the real model

_VALUES = [
    "[]",
    "[a, b]",
    "{}",
    "{x: 1}",
    "",
    "~",
    "0",
    "-1",
    "1.5",
    "true",
    "no",
    "'text'",
    "2024-02-30",
    "!!int abc",
    "!!bool maybe",
    "!custom x",
    "user",
    "current_user",
    "all",
    "id",
    "order",
]


def _mutate(lines: list[str], rng: random.Random) -> str:
    """One to three random edits of the kind a hurried person makes to model.yaml."""
    lines = list(lines)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        line = lines[i]
        edit = rng.choice(["delete", "value", "key", "duplicate", "indent", "swap", "cut", "char"])
        if edit == "delete":
            del lines[i]
        elif edit == "value" and ":" in line:
            lines[i] = f"{line.split(':')[0]}: {rng.choice(_VALUES)}"
        elif edit == "key" and ":" in line:
            key, _, rest = line.partition(":")
            other = rng.choice(lines).strip().split(":")[0].lstrip("- ")
            lines[i] = " " * (len(key) - len(key.lstrip())) + other + ":" + rest
        elif edit == "duplicate":
            lines.insert(i, line)
        elif edit == "indent":
            lines[i] = " " * rng.choice([0, 1, 2, 4, 6]) + line.lstrip()
        elif edit == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "cut":
            lines = lines[:i]
        elif edit == "char":
            at = rng.randrange(len(line) + 1)
            lines[i] = line[:at] + rng.choice("-:[]{}#&*!|>'\"%@`,?\t") + line[at:]
        lines = lines or [""]
    return "\n".join(lines) + "\n"


_ERROR_LINE = re.compile(r"^model\.yaml:\d+:\d+: \S.*: .+ \[MODEL-E\d{3}\]( \(.+\))?$", re.DOTALL)


# 200 mutated models in four runs of 50, which the suite's workers share out.
@pytest.mark.parametrize("first_seed", range(0, 200, 50))
def test_mutated_models_give_a_model_or_errors_never_a_traceback(first_seed):
    lines = MODEL.read_text(encoding="utf-8").splitlines()
    failures = []
    for seed in range(first_seed, first_seed + 50):
        text = _mutate(lines, random.Random(seed))
        try:
            model = load_model_text(text)
        except ModelInvalid as invalid:
            errors: list[ModelError] = invalid.errors
            bad = [str(e) for e in errors if not _ERROR_LINE.match(str(e))]
            bad += [str(e) for e in errors if e.line > text.count("\n") + 1]
            if not errors or bad:
                failures.append((seed, bad or "ModelInvalid without errors"))
        except Exception as exc:  # the point of the test: nothing else may escape
            failures.append((seed, f"{type(exc).__name__}: {exc}"))
        else:
            assert isinstance(model, Model)
    assert failures == []
