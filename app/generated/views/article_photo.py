# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of article photos."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.views import BackOfficeModelView
from app.generated.models import ArticlePhoto

LABELS = {
    "article": _l("Article"),
    "image": _l("Photo"),
    "caption": _l("Caption"),
    "position": _l("Position"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "article.sku": LABELS["article"],
    "article.name": LABELS["article"],
}


class ArticlePhotoView(BackOfficeModelView):
    """Article photos: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(ArticlePhoto)
    entity = "article_photo"
    list_title = _l("Article photos")
    show_title = _l("Article photo")
    add_title = _l("Add: %(entity)s", entity=_l("Article photo"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Article photo"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["article", "caption", "position"]
    quick_search_columns = ["caption"]
    search_columns = ["article", "caption", "position"]
    base_order = ("position", "asc")
    add_fieldsets = [(_l("Article photo"), {"fields": ["article", "image", "caption", "position"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
