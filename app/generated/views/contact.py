# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of contacts."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Email, NumberRange

from app.backoffice.api_validators import PHONE_NUMBER, language_code
from app.backoffice.contacts import ContactAdminView
from app.backoffice.filters import RowScope
from app.backoffice.formatting import money_text, names_text
from app.backoffice.inputs import PHONE, choice_label, enum_input, language_input
from app.backoffice.views import BackOfficeRestApi
from app.generated.models import Contact

LABELS = {
    "first_name": _l("First name"),
    "last_name": _l("Last name"),
    "email": _l("Email"),
    "phone": _l("Phone"),
    "department": _l("Department"),
    "company_role": _l("Role in the company"),
    "may_order": _l("May order"),
    "may_see_prices": _l("May see prices"),
    "may_manage_users": _l("May manage users"),
    "may_manage_addresses": _l("May manage addresses"),
    "sees_all_orders": _l("Sees all company orders"),
    "order_limit": _l("Order amount limit"),
    "status": _l("Status"),
    "language": _l("Language"),
    "user": _l("Login account"),
    "customers": _l("Customers"),
    "orders": _l("Orders"),
}
DESCRIPTIONS = {
    "may_manage_addresses": _l(
        "Add and change the company's shipping and billing addresses in the portal."
    ),
    "order_limit": _l("Orders above this amount, before VAT, are refused. Empty means no limit."),
    "language": _l("Empty means the customer's language."),
}
API_LABELS = {"id": _l("Id"), **LABELS, "user.username": LABELS["user"]}


class ContactView(ContactAdminView):
    """Contacts: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Contact)
    entity = "contact"
    list_title = _l("Contacts")
    show_title = _l("Contact")
    add_title = _l("Add: %(entity)s", entity=_l("Contact"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Contact"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["first_name", "last_name", "email", "company_role", "status", "customers"]
    quick_search_columns = ["first_name", "last_name", "email"]
    search_columns = ["last_name", "email", "company_role", "status", "customers"]
    base_order = ("last_name", "asc")
    add_fieldsets = [
        (
            _l("Person"),
            {"fields": ["first_name", "last_name", "email", "phone", "department", "language"]},
        ),
        (_l("Portal access"), {"fields": ["customers", "company_role", "status", "user"]}),
        (
            _l("Permissions"),
            {
                "fields": [
                    "may_order",
                    "may_see_prices",
                    "may_manage_users",
                    "may_manage_addresses",
                    "sees_all_orders",
                    "order_limit",
                ]
            },
        ),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "company_role": enum_input(
            LABELS["company_role"],
            Contact.COMPANY_ROLE_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("company_role", ""),
        ),
        "status": enum_input(
            LABELS["status"],
            Contact.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        ),
        "language": language_input(
            LABELS["language"], required=False, description=DESCRIPTIONS.get("language", "")
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {
        "email": [Email()],
        "phone": [PHONE],
        "order_limit": [NumberRange(min=Decimal("0"))],
    }
    formatters_columns = {
        "company_role": choice_label(Contact.COMPANY_ROLE_CHOICES),
        "order_limit": money_text,
        "status": choice_label(Contact.STATUS_CHOICES),
        "customers": names_text,
    }
    base_filters = [["id", RowScope, "contact"]]
    add_form_query_rel_fields = {"customers": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class ContactApi(BackOfficeRestApi):
    """REST API of contacts: /api/v1/contact/"""

    resource_name = "contact"
    datamodel = SQLAInterface(Contact)
    entity = "contact"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "first_name", "last_name", "email", "company_role", "status"]
    show_columns = [
        "id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "department",
        "company_role",
        "may_order",
        "may_see_prices",
        "may_manage_users",
        "may_manage_addresses",
        "sees_all_orders",
        "order_limit",
        "status",
        "language",
        "user.id",
        "user.username",
    ]
    add_columns = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "department",
        "company_role",
        "may_order",
        "may_see_prices",
        "may_manage_users",
        "may_manage_addresses",
        "sees_all_orders",
        "order_limit",
        "status",
        "language",
        "user",
        "customers",
    ]
    edit_columns = add_columns
    search_columns = ["last_name", "email", "company_role", "status", "customers"]
    order_columns = ["id", "first_name", "last_name", "email", "company_role", "status"]
    base_order = ("last_name", "asc")
    validators_columns = {
        "email": validate.Email(),
        "phone": PHONE_NUMBER,
        "order_limit": validate.Range(min=Decimal("0")),
        "language": language_code,
    }
    base_filters = [["id", RowScope, "contact"]]
    add_query_rel_fields = ContactView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
