# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Registers the generated screens, APIs and menus, in model.yaml's order."""

from flask_babel import lazy_gettext as _l

from app.generated.views.article import ArticleApi, ArticleView
from app.generated.views.contact import ContactApi, ContactView
from app.generated.views.customer import CustomerApi, CustomerView
from app.generated.views.customer_group import CustomerGroupApi, CustomerGroupView
from app.generated.views.family import FamilyApi, FamilyView


def register(appbuilder) -> None:
    """Add the screens and APIs; related lists are wired first, views refer to each other."""
    CustomerGroupView.related_views = [CustomerView]
    FamilyView.related_views = [FamilyView, ArticleView]
    appbuilder.add_view(
        CustomerGroupView,
        "customer_group",
        label=_l("Customer groups"),
        icon="fa-layer-group",
        category="customers",
        category_label=_l("Customers"),
        category_icon="fa-building",
    )
    appbuilder.add_api(CustomerGroupApi)
    appbuilder.add_view(
        CustomerView,
        "customer",
        label=_l("Customers"),
        icon="fa-building",
        category="customers",
        category_label=_l("Customers"),
        category_icon="fa-building",
    )
    appbuilder.add_api(CustomerApi)
    appbuilder.add_view(
        ContactView,
        "contact",
        label=_l("Contacts"),
        icon="fa-user",
        category="customers",
        category_label=_l("Customers"),
        category_icon="fa-building",
    )
    appbuilder.add_api(ContactApi)
    appbuilder.add_view(
        FamilyView,
        "family",
        label=_l("Families"),
        icon="fa-sitemap",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(FamilyApi)
    appbuilder.add_view(
        ArticleView,
        "article",
        label=_l("Articles"),
        icon="fa-book",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(ArticleApi)
