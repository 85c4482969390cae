# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of customer history."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Length

from app.backoffice.filters import RowScope
from app.backoffice.formatting import datetime_text
from app.backoffice.inputs import choice_label, enum_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.uploads import customer_event_file_problems
from app.generated.models import CustomerEvent

LABELS = {
    "customer": _l("Customer"),
    "kind": _l("Kind"),
    "subject": _l("Subject"),
    "body": _l("Text"),
    "attachment": _l("Attachment"),
    "author": _l("Author"),
    "occurred_at": _l("Date"),
}
DESCRIPTIONS = {"author": _l("The member of staff who wrote it; filled in when it is saved.")}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "customer.name": LABELS["customer"],
    "author.username": LABELS["author"],
}


class CustomerEventView(BackOfficeModelView):
    """Customer history: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(CustomerEvent)
    entity = "customer_event"
    list_title = _l("Customer history")
    show_title = _l("History entry")
    add_title = _l("Add: %(entity)s", entity=_l("History entry"))
    edit_title = _l("Edit: %(entity)s", entity=_l("History entry"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["occurred_at", "customer", "kind", "subject", "author"]
    quick_search_columns = ["subject", "body"]
    search_columns = ["customer", "kind", "occurred_at", "author"]
    base_order = ("occurred_at", "desc")
    add_fieldsets = [
        (_l("History entry"), {"fields": ["customer", "kind", "subject", "body", "attachment"]})
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("History entry"),
            {
                "fields": [
                    "customer",
                    "kind",
                    "subject",
                    "body",
                    "attachment",
                    "author",
                    "occurred_at",
                ]
            },
        )
    ]
    record_checks = (customer_event_file_problems,)
    current_user_fields = ("author",)
    add_form_extra_fields = {
        "kind": enum_input(
            LABELS["kind"],
            CustomerEvent.KIND_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("kind", ""),
        )
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"body": [Length(max=20000)]}
    formatters_columns = {
        "kind": choice_label(CustomerEvent.KIND_CHOICES),
        "occurred_at": datetime_text,
    }
    base_filters = [["id", RowScope, "customer_event"]]
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class CustomerEventApi(BackOfficeRestApi):
    """REST API of customer history: /api/v1/customer_event/"""

    resource_name = "customer_event"
    datamodel = SQLAInterface(CustomerEvent)
    entity = "customer_event"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "occurred_at",
        "customer.id",
        "customer.name",
        "kind",
        "subject",
        "author.id",
        "author.username",
    ]
    show_columns = [
        "id",
        "customer.id",
        "customer.name",
        "kind",
        "subject",
        "body",
        "attachment",
        "author.id",
        "author.username",
        "occurred_at",
    ]
    add_columns = ["customer", "kind", "subject", "body"]
    edit_columns = add_columns
    search_columns = ["customer", "kind", "occurred_at", "author"]
    order_columns = ["id", "occurred_at", "kind", "subject"]
    base_order = ("occurred_at", "desc")
    validators_columns = {"body": validate.Length(max=20000)}
    record_checks = CustomerEventView.record_checks
    current_user_fields = CustomerEventView.current_user_fields
    base_filters = [["id", RowScope, "customer_event"]]
    add_query_rel_fields = CustomerEventView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
