# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of support requests."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Length

from app.backoffice.filters import RowScope
from app.backoffice.formatting import datetime_text
from app.backoffice.inputs import choice_label, enum_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import SupportRequest

LABELS = {
    "customer": _l("Customer"),
    "contact": _l("Contact"),
    "subject": _l("Subject"),
    "message": _l("Message"),
    "status": _l("Status"),
    "created_at": _l("Received on"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "customer.name": LABELS["customer"],
    "contact.first_name": LABELS["contact"],
    "contact.last_name": LABELS["contact"],
}


class SupportRequestView(BackOfficeModelView):
    """Support requests: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(SupportRequest)
    entity = "support_request"
    list_title = _l("Support requests")
    show_title = _l("Support request")
    add_title = _l("Add: %(entity)s", entity=_l("Support request"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Support request"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["created_at", "customer", "contact", "subject", "status"]
    quick_search_columns = ["subject", "message"]
    search_columns = ["customer", "status"]
    base_order = ("created_at", "desc")
    add_fieldsets = [
        (_l("Support request"), {"fields": ["customer", "contact", "subject", "message", "status"]})
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("Support request"),
            {"fields": ["customer", "contact", "subject", "message", "status", "created_at"]},
        )
    ]
    add_form_extra_fields = {
        "status": enum_input(
            LABELS["status"],
            SupportRequest.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        )
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"message": [Length(max=10000)]}
    formatters_columns = {
        "status": choice_label(SupportRequest.STATUS_CHOICES),
        "created_at": datetime_text,
    }
    base_filters = [["id", RowScope, "support_request"]]
    add_form_query_rel_fields = {
        "customer": [["id", RowScope, "customer"]],
        "contact": [["id", RowScope, "contact"]],
    }
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class SupportRequestApi(BackOfficeRestApi):
    """REST API of support requests: /api/v1/support_request/"""

    resource_name = "support_request"
    datamodel = SQLAInterface(SupportRequest)
    entity = "support_request"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "created_at",
        "customer.id",
        "customer.name",
        "contact.id",
        "contact.first_name",
        "contact.last_name",
        "subject",
        "status",
    ]
    show_columns = [
        "id",
        "customer.id",
        "customer.name",
        "contact.id",
        "contact.first_name",
        "contact.last_name",
        "subject",
        "message",
        "status",
        "created_at",
    ]
    add_columns = ["customer", "contact", "subject", "message", "status"]
    edit_columns = add_columns
    search_columns = ["customer", "status"]
    order_columns = ["id", "created_at", "subject", "status"]
    base_order = ("created_at", "desc")
    validators_columns = {"message": validate.Length(max=10000)}
    base_filters = [["id", RowScope, "support_request"]]
    add_query_rel_fields = SupportRequestView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
