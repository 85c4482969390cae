# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of addresses."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.api_validators import PHONE_NUMBER, country_code
from app.backoffice.filters import RowScope
from app.backoffice.inputs import PHONE, choice_label, country_input, enum_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.customers import address_problems
from app.generated.models import Address

LABELS = {
    "customer": _l("Customer"),
    "kind": _l("Use"),
    "name": _l("Name"),
    "line1": _l("Street and number"),
    "line2": _l("Address line 2"),
    "postcode": _l("Postcode"),
    "city": _l("City"),
    "country": _l("Country"),
    "phone": _l("Phone"),
    "default_shipping": _l("Default shipping address"),
    "default_billing": _l("Default billing address"),
}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS, "customer.name": LABELS["customer"]}


class AddressView(BackOfficeModelView):
    """Addresses: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Address)
    entity = "address"
    list_title = _l("Addresses")
    show_title = _l("Address")
    add_title = _l("Add: %(entity)s", entity=_l("Address"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Address"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "customer",
        "name",
        "kind",
        "postcode",
        "city",
        "country",
        "default_shipping",
        "default_billing",
    ]
    quick_search_columns = ["name", "line1", "postcode", "city"]
    search_columns = ["customer", "kind", "city", "country"]
    base_order = ("name", "asc")
    add_fieldsets = [
        (
            _l("Address"),
            {
                "fields": [
                    "customer",
                    "kind",
                    "name",
                    "line1",
                    "line2",
                    "postcode",
                    "city",
                    "country",
                    "phone",
                    "default_shipping",
                    "default_billing",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (address_problems,)
    add_form_extra_fields = {
        "kind": enum_input(
            LABELS["kind"],
            Address.KIND_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("kind", ""),
        ),
        "country": country_input(
            LABELS["country"], required=True, description=DESCRIPTIONS.get("country", "")
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"phone": [PHONE]}
    formatters_columns = {"kind": choice_label(Address.KIND_CHOICES)}
    base_filters = [["id", RowScope, "address"]]
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class AddressApi(BackOfficeRestApi):
    """REST API of addresses: /api/v1/address/"""

    resource_name = "address"
    datamodel = SQLAInterface(Address)
    entity = "address"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "customer.id",
        "customer.name",
        "name",
        "kind",
        "postcode",
        "city",
        "country",
        "default_shipping",
        "default_billing",
    ]
    show_columns = [
        "id",
        "customer.id",
        "customer.name",
        "kind",
        "name",
        "line1",
        "line2",
        "postcode",
        "city",
        "country",
        "phone",
        "default_shipping",
        "default_billing",
    ]
    add_columns = [
        "customer",
        "kind",
        "name",
        "line1",
        "line2",
        "postcode",
        "city",
        "country",
        "phone",
        "default_shipping",
        "default_billing",
    ]
    edit_columns = add_columns
    search_columns = ["customer", "kind", "city", "country"]
    order_columns = [
        "id",
        "name",
        "kind",
        "postcode",
        "city",
        "country",
        "default_shipping",
        "default_billing",
    ]
    base_order = ("name", "asc")
    validators_columns = {"country": country_code, "phone": PHONE_NUMBER}
    record_checks = AddressView.record_checks
    base_filters = [["id", RowScope, "address"]]
    add_query_rel_fields = AddressView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
