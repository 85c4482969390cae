# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Back-office screen and REST API of customers."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import URL, Email, Length, NumberRange

from app.backoffice.api_validators import PHONE_NUMBER, country_code, language_code
from app.backoffice.filters import RowScope
from app.backoffice.inputs import PHONE, choice_label, country_input, enum_input, language_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import Customer

LABELS = {
    "code": _l("Customer code"),
    "name": _l("Company name"),
    "vat_number": _l("VAT number"),
    "status": _l("Status"),
    "country": _l("Country"),
    "language": _l("Language"),
    "email": _l("Main email"),
    "phone": _l("Phone"),
    "website": _l("Website"),
    "credit_limit": _l("Credit limit"),
    "payment_days": _l("Payment terms (days)"),
    "customer_since": _l("Customer since"),
    "last_order_at": _l("Last order"),
    "logo": _l("Logo"),
    "private_message": _l("Private message"),
    "group": _l("Customer group"),
    "sales_rep": _l("Sales representative"),
    "contacts": _l("Contacts"),
}
DESCRIPTIONS = {
    "language": _l("Used for the customer's emails and documents."),
    "private_message": _l("Shown at the top of this customer's portal."),
}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "group.name": LABELS["group"],
    "sales_rep.username": LABELS["sales_rep"],
}


class CustomerView(BackOfficeModelView):
    """Customers: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Customer)
    entity = "customer"
    list_title = _l("Customers")
    show_title = _l("Customer")
    add_title = _l("Add: %(entity)s", entity=_l("Customer"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Customer"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["code", "name", "group", "status", "country", "sales_rep"]
    quick_search_columns = ["code", "name", "vat_number", "email"]
    search_columns = ["code", "name", "status", "country", "group", "sales_rep"]
    base_order = ("name", "asc")
    add_fieldsets = [
        (
            _l("Identity"),
            {"fields": ["code", "name", "vat_number", "status", "group", "sales_rep"]},
        ),
        (
            _l("Contact details"),
            {"fields": ["country", "language", "email", "phone", "website", "logo"]},
        ),
        (
            _l("Terms"),
            {
                "fields": [
                    "credit_limit",
                    "payment_days",
                    "customer_since",
                    "last_order_at",
                    "private_message",
                ]
            },
        ),
        (_l("People"), {"fields": ["contacts"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "status": enum_input(
            LABELS["status"],
            Customer.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        ),
        "country": country_input(
            LABELS["country"], required=True, description=DESCRIPTIONS.get("country", "")
        ),
        "language": language_input(
            LABELS["language"], required=False, description=DESCRIPTIONS.get("language", "")
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {
        "email": [Email()],
        "phone": [PHONE],
        "website": [URL()],
        "credit_limit": [NumberRange(min=Decimal("0"))],
        "payment_days": [NumberRange(min=0, max=365)],
        "private_message": [Length(max=2000)],
    }
    formatters_columns = {"status": choice_label(Customer.STATUS_CHOICES)}
    base_filters = [["id", RowScope, "customer"]]


class CustomerApi(BackOfficeRestApi):
    """REST API of customers: /api/v1/customer/"""

    resource_name = "customer"
    datamodel = SQLAInterface(Customer)
    entity = "customer"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "code",
        "name",
        "group.id",
        "group.name",
        "status",
        "country",
        "sales_rep.id",
        "sales_rep.username",
    ]
    show_columns = [
        "id",
        "code",
        "name",
        "vat_number",
        "status",
        "country",
        "language",
        "email",
        "phone",
        "website",
        "credit_limit",
        "payment_days",
        "customer_since",
        "last_order_at",
        "logo",
        "private_message",
        "group.id",
        "group.name",
        "sales_rep.id",
        "sales_rep.username",
    ]
    add_columns = [
        "code",
        "name",
        "vat_number",
        "status",
        "country",
        "language",
        "email",
        "phone",
        "website",
        "credit_limit",
        "payment_days",
        "customer_since",
        "last_order_at",
        "private_message",
        "group",
        "sales_rep",
        "contacts",
    ]
    edit_columns = add_columns
    search_columns = ["code", "name", "status", "country", "group", "sales_rep"]
    order_columns = ["id", "code", "name", "status", "country"]
    base_order = ("name", "asc")
    validators_columns = {
        "country": country_code,
        "language": language_code,
        "email": validate.Email(),
        "phone": PHONE_NUMBER,
        "website": validate.URL(),
        "credit_limit": validate.Range(min=Decimal("0")),
        "payment_days": validate.Range(min=0, max=365),
        "private_message": validate.Length(max=2000),
    }
    base_filters = [["id", RowScope, "customer"]]
