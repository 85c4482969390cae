# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of order template lines."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import OrderTemplateLine

LABELS = {
    "template": _l("Order template"),
    "article": _l("Article"),
    "quantity": _l("Quantity"),
    "line_reference": _l("Line reference"),
    "budget_code": _l("Budget code"),
    "library_relation_code": _l("Library relation code"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "template.name": LABELS["template"],
    "article.sku": LABELS["article"],
    "article.name": LABELS["article"],
}


class OrderTemplateLineView(BackOfficeModelView):
    """Order template lines: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(OrderTemplateLine)
    entity = "order_template_line"
    list_title = _l("Order template lines")
    show_title = _l("Order template line")
    add_title = _l("Add: %(entity)s", entity=_l("Order template line"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Order template line"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["template", "article", "quantity", "line_reference"]
    quick_search_columns = []
    search_columns = ["template", "article"]
    add_fieldsets = [
        (
            _l("Order template line"),
            {
                "fields": [
                    "template",
                    "article",
                    "quantity",
                    "line_reference",
                    "budget_code",
                    "library_relation_code",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    validators_columns = {"quantity": [NumberRange(min=1)]}
    base_filters = [["id", RowScope, "order_template_line"]]
    add_form_query_rel_fields = {"template": [["id", RowScope, "order_template"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class OrderTemplateLineApi(BackOfficeRestApi):
    """REST API of order template lines: /api/v1/order_template_line/"""

    resource_name = "order_template_line"
    datamodel = SQLAInterface(OrderTemplateLine)
    entity = "order_template_line"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "template.id",
        "template.name",
        "article.id",
        "article.sku",
        "article.name",
        "quantity",
        "line_reference",
    ]
    show_columns = [
        "id",
        "template.id",
        "template.name",
        "article.id",
        "article.sku",
        "article.name",
        "quantity",
        "line_reference",
        "budget_code",
        "library_relation_code",
    ]
    add_columns = [
        "template",
        "article",
        "quantity",
        "line_reference",
        "budget_code",
        "library_relation_code",
    ]
    edit_columns = add_columns
    search_columns = ["template", "article"]
    order_columns = ["id", "quantity", "line_reference"]
    validators_columns = {"quantity": validate.Range(min=1)}
    base_filters = [["id", RowScope, "order_template_line"]]
    add_query_rel_fields = OrderTemplateLineView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
