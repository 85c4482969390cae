# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of promotions."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.formatting import date_text, money_text, number_text
from app.backoffice.inputs import choice_label, enum_input, translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.prices import promotion_problems
from app.generated.models import Promotion

LABELS = {
    "name": _l("Name"),
    "starts_on": _l("Starts on"),
    "ends_on": _l("Ends on"),
    "kind": _l("Kind"),
    "percentage": _l("Discount (%)"),
    "fixed_price": _l("Fixed price"),
    "articles": _l("Articles"),
    "families": _l("Families"),
    "groups": _l("Customer groups"),
    "customers": _l("Customers"),
    "is_active": _l("Active"),
}
DESCRIPTIONS = {"groups": _l("Empty, with no customer either, means everyone.")}
API_LABELS = {"id": _l("Id"), **LABELS}


class PromotionView(BackOfficeModelView):
    """Promotions: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Promotion)
    entity = "promotion"
    list_title = _l("Promotions")
    show_title = _l("Promotion")
    add_title = _l("Add: %(entity)s", entity=_l("Promotion"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Promotion"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "name",
        "starts_on",
        "ends_on",
        "kind",
        "percentage",
        "fixed_price",
        "is_active",
    ]
    quick_search_columns = ["name"]
    search_columns = ["kind", "is_active", "starts_on", "ends_on"]
    base_order = ("starts_on", "desc")
    add_fieldsets = [
        (
            _l("Promotion"),
            {
                "fields": [
                    "name",
                    "starts_on",
                    "ends_on",
                    "kind",
                    "percentage",
                    "fixed_price",
                    "articles",
                    "families",
                    "groups",
                    "customers",
                    "is_active",
                ]
            },
        ),
        (_l("Translations"), {"fields": ["name_fr", "name_nl", "name_es", "name_de"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (promotion_problems,)
    add_form_extra_fields = {
        "kind": enum_input(
            LABELS["kind"],
            Promotion.KIND_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("kind", ""),
        ),
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=150),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=150),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=150),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=150),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {
        "percentage": [NumberRange(min=Decimal("0"), max=Decimal("100"))],
        "fixed_price": [NumberRange(min=Decimal("0"))],
    }
    formatters_columns = {
        "starts_on": date_text,
        "ends_on": date_text,
        "kind": choice_label(Promotion.KIND_CHOICES),
        "percentage": number_text,
        "fixed_price": money_text,
    }
    add_form_query_rel_fields = {"customers": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class PromotionApi(BackOfficeRestApi):
    """REST API of promotions: /api/v1/promotion/"""

    resource_name = "promotion"
    datamodel = SQLAInterface(Promotion)
    entity = "promotion"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "name",
        "starts_on",
        "ends_on",
        "kind",
        "percentage",
        "fixed_price",
        "is_active",
    ]
    show_columns = [
        "id",
        "name",
        "starts_on",
        "ends_on",
        "kind",
        "percentage",
        "fixed_price",
        "is_active",
    ]
    add_columns = [
        "name",
        "starts_on",
        "ends_on",
        "kind",
        "percentage",
        "fixed_price",
        "articles",
        "families",
        "groups",
        "customers",
        "is_active",
    ]
    edit_columns = add_columns
    search_columns = ["kind", "is_active", "starts_on", "ends_on"]
    order_columns = [
        "id",
        "name",
        "starts_on",
        "ends_on",
        "kind",
        "percentage",
        "fixed_price",
        "is_active",
    ]
    base_order = ("starts_on", "desc")
    validators_columns = {
        "percentage": validate.Range(min=Decimal("0"), max=Decimal("100")),
        "fixed_price": validate.Range(min=Decimal("0")),
    }
    record_checks = PromotionView.record_checks
    add_query_rel_fields = PromotionView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
