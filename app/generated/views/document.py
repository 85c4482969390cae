# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of documents."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from app.backoffice.filters import RowScope
from app.backoffice.formatting import date_text
from app.backoffice.inputs import choice_label, enum_input, translation_input
from app.backoffice.views import BackOfficeModelView
from app.domain.customers import document_problems
from app.domain.uploads import document_file_problems
from app.generated.models import Document

LABELS = {
    "title": _l("Title"),
    "description": _l("Description"),
    "file": _l("File"),
    "audience": _l("Shared with"),
    "group": _l("Customer group"),
    "customer": _l("Customer"),
    "published_on": _l("Published on"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "group.name": LABELS["group"],
    "customer.name": LABELS["customer"],
}


class DocumentView(BackOfficeModelView):
    """Documents: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Document)
    entity = "document"
    list_title = _l("Documents")
    show_title = _l("Document")
    add_title = _l("Add: %(entity)s", entity=_l("Document"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Document"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["title", "audience", "group", "customer", "published_on"]
    quick_search_columns = ["title"]
    search_columns = ["audience", "group", "customer"]
    base_order = ("published_on", "desc")
    add_fieldsets = [
        (
            _l("Document"),
            {
                "fields": [
                    "title",
                    "description",
                    "file",
                    "audience",
                    "group",
                    "customer",
                    "published_on",
                ]
            },
        ),
        (_l("Translations"), {"fields": ["title_fr", "title_nl", "title_es", "title_de"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (
        document_problems,
        document_file_problems,
    )
    add_form_extra_fields = {
        "audience": enum_input(
            LABELS["audience"],
            Document.AUDIENCE_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("audience", ""),
        ),
        "title_fr": translation_input(LABELS["title"], "fr", multiline=False, max_length=200),
        "title_nl": translation_input(LABELS["title"], "nl", multiline=False, max_length=200),
        "title_es": translation_input(LABELS["title"], "es", multiline=False, max_length=200),
        "title_de": translation_input(LABELS["title"], "de", multiline=False, max_length=200),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"description": [Length(max=2000)]}
    formatters_columns = {
        "audience": choice_label(Document.AUDIENCE_CHOICES),
        "published_on": date_text,
    }
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields
