# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of access requests."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Email, Length

from app.backoffice.api_validators import PHONE_NUMBER, country_code, language_code
from app.backoffice.applications import AccessRequestAdminView
from app.backoffice.filters import RowScope
from app.backoffice.formatting import datetime_text
from app.backoffice.inputs import PHONE, choice_label, country_input, enum_input, language_input
from app.backoffice.views import BackOfficeRestApi
from app.domain.customers import vat_number_problems
from app.generated.models import AccessRequest

LABELS = {
    "kind": _l("Kind"),
    "status": _l("Status"),
    "company_name": _l("Company name"),
    "vat_number": _l("VAT number"),
    "country": _l("Country"),
    "chamber_of_commerce": _l("Chamber of commerce number"),
    "department": _l("Department"),
    "first_name": _l("First name"),
    "last_name": _l("Last name"),
    "email": _l("Email"),
    "phone": _l("Phone"),
    "language": _l("Language"),
    "message": _l("Message"),
    "refusal_reason": _l("Reason for refusal"),
    "created_at": _l("Received on"),
    "customer": _l("Customer"),
}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS, "customer.name": LABELS["customer"]}


class AccessRequestView(AccessRequestAdminView):
    """Access requests: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(AccessRequest)
    entity = "access_request"
    list_title = _l("Access requests")
    show_title = _l("Access request")
    add_title = _l("Add: %(entity)s", entity=_l("Access request"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Access request"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "created_at",
        "kind",
        "company_name",
        "first_name",
        "last_name",
        "email",
        "status",
    ]
    quick_search_columns = ["company_name", "last_name", "email"]
    search_columns = ["kind", "status", "created_at"]
    base_order = ("created_at", "desc")
    add_fieldsets = [
        (
            _l("Access request"),
            {
                "fields": [
                    "kind",
                    "status",
                    "company_name",
                    "vat_number",
                    "country",
                    "chamber_of_commerce",
                    "department",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "language",
                    "message",
                    "refusal_reason",
                    "customer",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("Access request"),
            {
                "fields": [
                    "kind",
                    "status",
                    "company_name",
                    "vat_number",
                    "country",
                    "chamber_of_commerce",
                    "department",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "language",
                    "message",
                    "refusal_reason",
                    "created_at",
                    "customer",
                ]
            },
        )
    ]
    record_checks = (vat_number_problems,)
    add_form_extra_fields = {
        "kind": enum_input(
            LABELS["kind"],
            AccessRequest.KIND_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("kind", ""),
        ),
        "status": enum_input(
            LABELS["status"],
            AccessRequest.STATUS_CHOICES,
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
        "message": [Length(max=2000)],
        "refusal_reason": [Length(max=2000)],
    }
    formatters_columns = {
        "kind": choice_label(AccessRequest.KIND_CHOICES),
        "status": choice_label(AccessRequest.STATUS_CHOICES),
        "created_at": datetime_text,
    }
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class AccessRequestApi(BackOfficeRestApi):
    """REST API of access requests: /api/v1/access_request/"""

    resource_name = "access_request"
    datamodel = SQLAInterface(AccessRequest)
    entity = "access_request"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "created_at",
        "kind",
        "company_name",
        "first_name",
        "last_name",
        "email",
        "status",
    ]
    show_columns = [
        "id",
        "kind",
        "status",
        "company_name",
        "vat_number",
        "country",
        "chamber_of_commerce",
        "department",
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "message",
        "refusal_reason",
        "created_at",
        "customer.id",
        "customer.name",
    ]
    add_columns = [
        "kind",
        "status",
        "company_name",
        "vat_number",
        "country",
        "chamber_of_commerce",
        "department",
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "message",
        "refusal_reason",
        "customer",
    ]
    edit_columns = add_columns
    search_columns = ["kind", "status", "created_at"]
    order_columns = [
        "id",
        "created_at",
        "kind",
        "company_name",
        "first_name",
        "last_name",
        "email",
        "status",
    ]
    base_order = ("created_at", "desc")
    validators_columns = {
        "country": country_code,
        "email": validate.Email(),
        "phone": PHONE_NUMBER,
        "language": language_code,
        "message": validate.Length(max=2000),
        "refusal_reason": validate.Length(max=2000),
    }
    record_checks = AccessRequestView.record_checks
    add_query_rel_fields = AccessRequestView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
