# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of exclusions."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.filters import RowScope
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.articles import exclusion_problems
from app.generated.models import Exclusion

LABELS = {
    "customer": _l("Customer"),
    "group": _l("Customer group"),
    "article": _l("Article"),
    "family": _l("Family"),
    "reason": _l("Reason"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "customer.name": LABELS["customer"],
    "group.name": LABELS["group"],
    "article.sku": LABELS["article"],
    "article.name": LABELS["article"],
    "family.name": LABELS["family"],
}


class ExclusionView(BackOfficeModelView):
    """Exclusions: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Exclusion)
    entity = "exclusion"
    list_title = _l("Exclusions")
    show_title = _l("Exclusion")
    add_title = _l("Add: %(entity)s", entity=_l("Exclusion"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Exclusion"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["customer", "group", "article", "family", "reason"]
    quick_search_columns = ["reason"]
    search_columns = ["customer", "group", "article", "family"]
    add_fieldsets = [
        (_l("Exclusion"), {"fields": ["customer", "group", "article", "family", "reason"]})
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (exclusion_problems,)
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class ExclusionApi(BackOfficeRestApi):
    """REST API of exclusions: /api/v1/exclusion/"""

    resource_name = "exclusion"
    datamodel = SQLAInterface(Exclusion)
    entity = "exclusion"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "customer.id",
        "customer.name",
        "group.id",
        "group.name",
        "article.id",
        "article.sku",
        "article.name",
        "family.id",
        "family.name",
        "reason",
    ]
    show_columns = [
        "id",
        "customer.id",
        "customer.name",
        "group.id",
        "group.name",
        "article.id",
        "article.sku",
        "article.name",
        "family.id",
        "family.name",
        "reason",
    ]
    add_columns = ["customer", "group", "article", "family", "reason"]
    edit_columns = add_columns
    search_columns = ["customer", "group", "article", "family"]
    order_columns = ["id", "reason"]
    record_checks = ExclusionView.record_checks
    add_query_rel_fields = ExclusionView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
