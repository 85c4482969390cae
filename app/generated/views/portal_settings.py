# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of portal settings."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Email, Length

from app.backoffice.api_validators import language_code
from app.backoffice.inputs import choice_label, enum_input, language_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.settings import settings_problems
from app.generated.models import PortalSettings

LABELS = {
    "shop_name": _l("Shop name"),
    "logo": _l("Logo"),
    "skin": _l("Colour skin"),
    "primary_colour": _l("Main colour"),
    "accent_colour": _l("Accent colour"),
    "default_language": _l("Default language"),
    "currency": _l("Currency"),
    "default_price_level": _l("Default price level"),
    "default_warehouse": _l("Default warehouse"),
    "show_stock": _l("Show stock"),
    "hide_prices": _l("Hide prices"),
    "public_catalogue": _l("Public catalogue"),
    "self_registration": _l("Self-registration"),
    "approval_required": _l("Approval required"),
    "access_request_button": _l("Access-request button"),
    "reuse_previous_shipping_fee": _l("Reuse the previous order's shipping fee"),
    "hold_orders_over_credit_limit": _l("Hold orders over the credit limit"),
    "staff_email": _l("Staff notification email"),
}
DESCRIPTIONS = {
    "primary_colour": _l("With the custom skin: a colour such as #1F6FEB."),
    "accent_colour": _l("With the custom skin: a colour such as #F59E0B."),
    "currency": _l("Three-letter ISO code, such as EUR, USD or MXN."),
    "hide_prices": _l(
        "Prices are hidden from every customer unless their group or record says otherwise."
    ),
    "public_catalogue": _l(
        "Visitors who are not logged in may browse the public catalogues, without prices."
    ),
    "self_registration": _l("Visitors may apply for a customer account."),
    "approval_required": _l("New accounts wait for a member of staff to approve them."),
    "access_request_button": _l("Shows a button on the login page to ask for access."),
    "hold_orders_over_credit_limit": _l(
        "An order over the customer's credit limit waits for approval instead of being refused."
    ),
    "staff_email": _l("New applications and orders are announced to this address."),
}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "default_price_level.name": LABELS["default_price_level"],
    "default_warehouse.name": LABELS["default_warehouse"],
}


class PortalSettingsView(BackOfficeModelView):
    """Portal settings: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(PortalSettings)
    entity = "portal_settings"
    list_title = _l("Portal settings")
    show_title = _l("Portal settings")
    add_title = _l("Add: %(entity)s", entity=_l("Portal settings"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Portal settings"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "shop_name",
        "logo",
        "skin",
        "primary_colour",
        "accent_colour",
        "default_language",
    ]
    quick_search_columns = []
    search_columns = ["shop_name", "skin", "primary_colour", "accent_colour", "default_language"]
    add_fieldsets = [
        (
            _l("Shop"),
            {
                "fields": [
                    "shop_name",
                    "logo",
                    "skin",
                    "primary_colour",
                    "accent_colour",
                    "default_language",
                    "currency",
                    "staff_email",
                ]
            },
        ),
        (
            _l("Catalogue and prices"),
            {
                "fields": [
                    "default_price_level",
                    "default_warehouse",
                    "show_stock",
                    "hide_prices",
                    "public_catalogue",
                ]
            },
        ),
        (
            _l("Accounts"),
            {"fields": ["self_registration", "approval_required", "access_request_button"]},
        ),
        (
            _l("Orders"),
            {"fields": ["reuse_previous_shipping_fee", "hold_orders_over_credit_limit"]},
        ),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (settings_problems,)
    singleton = True
    add_form_extra_fields = {
        "skin": enum_input(
            LABELS["skin"],
            PortalSettings.SKIN_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("skin", ""),
        ),
        "default_language": language_input(
            LABELS["default_language"],
            required=True,
            description=DESCRIPTIONS.get("default_language", ""),
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"currency": [Length(min=3, max=3)], "staff_email": [Email()]}
    formatters_columns = {"skin": choice_label(PortalSettings.SKIN_CHOICES)}


class PortalSettingsApi(BackOfficeRestApi):
    """REST API of portal settings: /api/v1/portal_settings/"""

    resource_name = "portal_settings"
    datamodel = SQLAInterface(PortalSettings)
    entity = "portal_settings"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "shop_name",
        "logo",
        "skin",
        "primary_colour",
        "accent_colour",
        "default_language",
    ]
    show_columns = [
        "id",
        "shop_name",
        "logo",
        "skin",
        "primary_colour",
        "accent_colour",
        "default_language",
        "currency",
        "default_price_level.id",
        "default_price_level.name",
        "default_warehouse.id",
        "default_warehouse.name",
        "show_stock",
        "hide_prices",
        "public_catalogue",
        "self_registration",
        "approval_required",
        "access_request_button",
        "reuse_previous_shipping_fee",
        "hold_orders_over_credit_limit",
        "staff_email",
    ]
    add_columns = [
        "shop_name",
        "skin",
        "primary_colour",
        "accent_colour",
        "default_language",
        "currency",
        "default_price_level",
        "default_warehouse",
        "show_stock",
        "hide_prices",
        "public_catalogue",
        "self_registration",
        "approval_required",
        "access_request_button",
        "reuse_previous_shipping_fee",
        "hold_orders_over_credit_limit",
        "staff_email",
    ]
    edit_columns = add_columns
    search_columns = ["shop_name", "skin", "primary_colour", "accent_colour", "default_language"]
    order_columns = [
        "id",
        "shop_name",
        "logo",
        "skin",
        "primary_colour",
        "accent_colour",
        "default_language",
    ]
    validators_columns = {
        "default_language": language_code,
        "currency": validate.Length(min=3),
        "staff_email": validate.Email(),
    }
    record_checks = PortalSettingsView.record_checks
    singleton = True
