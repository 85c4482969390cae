# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Registers the generated screens, APIs and menus, in model.yaml's order."""

from flask_babel import lazy_gettext as _l

from app.generated.views.access_request import AccessRequestApi, AccessRequestView
from app.generated.views.address import AddressApi, AddressView
from app.generated.views.article import ArticleApi, ArticleView
from app.generated.views.article_photo import ArticlePhotoView
from app.generated.views.article_tag import ArticleTagApi, ArticleTagView
from app.generated.views.brand import BrandApi, BrandView
from app.generated.views.cart_line import CartLineView
from app.generated.views.catalogue import CatalogueApi, CatalogueView
from app.generated.views.contact import ContactApi, ContactView
from app.generated.views.customer import CustomerApi, CustomerView
from app.generated.views.customer_event import CustomerEventApi, CustomerEventView
from app.generated.views.customer_group import CustomerGroupApi, CustomerGroupView
from app.generated.views.customer_tag import CustomerTagApi, CustomerTagView
from app.generated.views.delivery_round import DeliveryRoundApi, DeliveryRoundView
from app.generated.views.document import DocumentView
from app.generated.views.excluded_delivery_day import (
    ExcludedDeliveryDayApi,
    ExcludedDeliveryDayView,
)
from app.generated.views.exclusion import ExclusionApi, ExclusionView
from app.generated.views.family import FamilyApi, FamilyView
from app.generated.views.import_run import ImportRunView
from app.generated.views.library_budget import LibraryBudgetApi, LibraryBudgetView
from app.generated.views.library_relation import LibraryRelationApi, LibraryRelationView
from app.generated.views.mail_text import MailTextView
from app.generated.views.order_discount import OrderDiscountApi, OrderDiscountView
from app.generated.views.order_line import OrderLineApi, OrderLineView
from app.generated.views.order_template import OrderTemplateApi, OrderTemplateView
from app.generated.views.order_template_line import OrderTemplateLineApi, OrderTemplateLineView
from app.generated.views.outbox_entry import OutboxEntryView
from app.generated.views.portal_settings import PortalSettingsApi, PortalSettingsView
from app.generated.views.price import PriceApi, PriceView
from app.generated.views.price_level import PriceLevelApi, PriceLevelView
from app.generated.views.price_list import PriceListApi, PriceListView
from app.generated.views.product_type import ProductTypeApi, ProductTypeView
from app.generated.views.promotion import PromotionApi, PromotionView
from app.generated.views.sales_order import SalesOrderApi, SalesOrderView
from app.generated.views.season import SeasonApi, SeasonView
from app.generated.views.selection import SelectionApi, SelectionView
from app.generated.views.shipping_rule import ShippingRuleApi, ShippingRuleView
from app.generated.views.stock_level import StockLevelApi, StockLevelView
from app.generated.views.support_request import SupportRequestApi, SupportRequestView
from app.generated.views.user_preference import UserPreferenceView
from app.generated.views.warehouse import WarehouseApi, WarehouseView


def register(appbuilder) -> None:
    """Add the screens and APIs; related lists are wired first, views refer to each other."""
    CustomerGroupView.related_views = [CustomerView]
    CustomerView.related_views = [
        ContactView,
        AddressView,
        SalesOrderView,
        LibraryBudgetView,
        LibraryRelationView,
        CustomerEventView,
    ]
    CatalogueView.related_views = [FamilyView]
    FamilyView.related_views = [FamilyView, ArticleView]
    ArticleView.related_views = [ArticlePhotoView, ArticleView]
    PriceLevelView.related_views = [PriceListView]
    PriceListView.related_views = [PriceView]
    WarehouseView.related_views = [StockLevelView]
    DeliveryRoundView.related_views = [ExcludedDeliveryDayView, CustomerView]
    SalesOrderView.related_views = [OrderLineView]
    OrderTemplateView.related_views = [OrderTemplateLineView]
    appbuilder.add_view(
        PortalSettingsView,
        "portal_settings",
        label=_l("Portal settings"),
        icon="fa-sliders-h",
        category="settings",
        category_label=_l("Settings"),
        category_icon="fa-cog",
    )
    appbuilder.add_api(PortalSettingsApi)
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
        CustomerTagView,
        "customer_tag",
        label=_l("Customer tags"),
        icon="fa-tag",
        category="customers",
        category_label=_l("Customers"),
        category_icon="fa-building",
    )
    appbuilder.add_api(CustomerTagApi)
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
        AddressView,
        "address",
        label=_l("Addresses"),
        icon="fa-map-marker-alt",
        category="customers",
        category_label=_l("Customers"),
        category_icon="fa-building",
    )
    appbuilder.add_api(AddressApi)
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
        CatalogueView,
        "catalogue",
        label=_l("Catalogues"),
        icon="fa-book-open",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(CatalogueApi)
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
        BrandView,
        "brand",
        label=_l("Brands"),
        icon="fa-copyright",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(BrandApi)
    appbuilder.add_view(
        SeasonView,
        "season",
        label=_l("Seasons"),
        icon="fa-sun",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(SeasonApi)
    appbuilder.add_view(
        ArticleTagView,
        "article_tag",
        label=_l("Article tags"),
        icon="fa-hashtag",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(ArticleTagApi)
    appbuilder.add_view(
        ProductTypeView,
        "product_type",
        label=_l("Product types"),
        icon="fa-shapes",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(ProductTypeApi)
    appbuilder.add_view(
        ArticleView,
        "article",
        label=_l("Articles"),
        icon="fa-box",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(ArticleApi)
    appbuilder.add_view(
        ArticlePhotoView,
        "article_photo",
        label=_l("Article photos"),
        icon="fa-images",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_view(
        ExclusionView,
        "exclusion",
        label=_l("Exclusions"),
        icon="fa-ban",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(ExclusionApi)
    appbuilder.add_view(
        SelectionView,
        "selection",
        label=_l("Selections"),
        icon="fa-star",
        category="catalogue",
        category_label=_l("Catalogue"),
        category_icon="fa-book",
    )
    appbuilder.add_api(SelectionApi)
    appbuilder.add_view(
        PriceLevelView,
        "price_level",
        label=_l("Price levels"),
        icon="fa-layer-group",
        category="prices",
        category_label=_l("Prices"),
        category_icon="fa-tags",
    )
    appbuilder.add_api(PriceLevelApi)
    appbuilder.add_view(
        PriceListView,
        "price_list",
        label=_l("Price lists"),
        icon="fa-list-ol",
        category="prices",
        category_label=_l("Prices"),
        category_icon="fa-tags",
    )
    appbuilder.add_api(PriceListApi)
    appbuilder.add_view(
        PriceView,
        "price",
        label=_l("Prices"),
        icon="fa-euro-sign",
        category="prices",
        category_label=_l("Prices"),
        category_icon="fa-tags",
    )
    appbuilder.add_api(PriceApi)
    appbuilder.add_view(
        OrderDiscountView,
        "order_discount",
        label=_l("Order discounts"),
        icon="fa-percent",
        category="prices",
        category_label=_l("Prices"),
        category_icon="fa-tags",
    )
    appbuilder.add_api(OrderDiscountApi)
    appbuilder.add_view(
        PromotionView,
        "promotion",
        label=_l("Promotions"),
        icon="fa-bullhorn",
        category="prices",
        category_label=_l("Prices"),
        category_icon="fa-tags",
    )
    appbuilder.add_api(PromotionApi)
    appbuilder.add_view(
        WarehouseView,
        "warehouse",
        label=_l("Warehouses"),
        icon="fa-warehouse",
        category="logistics",
        category_label=_l("Stock and delivery"),
        category_icon="fa-truck",
    )
    appbuilder.add_api(WarehouseApi)
    appbuilder.add_view(
        StockLevelView,
        "stock_level",
        label=_l("Stock levels"),
        icon="fa-cubes",
        category="logistics",
        category_label=_l("Stock and delivery"),
        category_icon="fa-truck",
    )
    appbuilder.add_api(StockLevelApi)
    appbuilder.add_view(
        ShippingRuleView,
        "shipping_rule",
        label=_l("Shipping rules"),
        icon="fa-shipping-fast",
        category="logistics",
        category_label=_l("Stock and delivery"),
        category_icon="fa-truck",
    )
    appbuilder.add_api(ShippingRuleApi)
    appbuilder.add_view(
        DeliveryRoundView,
        "delivery_round",
        label=_l("Delivery rounds"),
        icon="fa-route",
        category="logistics",
        category_label=_l("Stock and delivery"),
        category_icon="fa-truck",
    )
    appbuilder.add_api(DeliveryRoundApi)
    appbuilder.add_view(
        ExcludedDeliveryDayView,
        "excluded_delivery_day",
        label=_l("Excluded delivery days"),
        icon="fa-calendar-times",
        category="logistics",
        category_label=_l("Stock and delivery"),
        category_icon="fa-truck",
    )
    appbuilder.add_api(ExcludedDeliveryDayApi)
    appbuilder.add_view(
        LibraryBudgetView,
        "library_budget",
        label=_l("Library budgets"),
        icon="fa-piggy-bank",
        category="libraries",
        category_label=_l("Libraries"),
        category_icon="fa-university",
    )
    appbuilder.add_api(LibraryBudgetApi)
    appbuilder.add_view(
        LibraryRelationView,
        "library_relation",
        label=_l("Library relation codes"),
        icon="fa-project-diagram",
        category="libraries",
        category_label=_l("Libraries"),
        category_icon="fa-university",
    )
    appbuilder.add_api(LibraryRelationApi)
    appbuilder.add_view(
        SalesOrderView,
        "sales_order",
        label=_l("Orders"),
        icon="fa-file-invoice",
        category="orders",
        category_label=_l("Orders"),
        category_icon="fa-shopping-cart",
    )
    appbuilder.add_api(SalesOrderApi)
    appbuilder.add_view(
        OrderLineView,
        "order_line",
        label=_l("Order lines"),
        icon="fa-list",
        category="orders",
        category_label=_l("Orders"),
        category_icon="fa-shopping-cart",
    )
    appbuilder.add_api(OrderLineApi)
    appbuilder.add_view(
        OrderTemplateView,
        "order_template",
        label=_l("Order templates"),
        icon="fa-clipboard-list",
        category="orders",
        category_label=_l("Orders"),
        category_icon="fa-shopping-cart",
    )
    appbuilder.add_api(OrderTemplateApi)
    appbuilder.add_view(
        OrderTemplateLineView,
        "order_template_line",
        label=_l("Order template lines"),
        icon="fa-list",
        category="orders",
        category_label=_l("Orders"),
        category_icon="fa-shopping-cart",
    )
    appbuilder.add_api(OrderTemplateLineApi)
    appbuilder.add_view_no_menu(CartLineView)
    appbuilder.add_view(
        OutboxEntryView,
        "outbox_entry",
        label=_l("Outbox"),
        icon="fa-paper-plane",
        category="settings",
        category_label=_l("Settings"),
        category_icon="fa-cog",
    )
    appbuilder.add_view(
        ImportRunView,
        "import_run",
        label=_l("Imports"),
        icon="fa-file-import",
        category="settings",
        category_label=_l("Settings"),
        category_icon="fa-cog",
    )
    appbuilder.add_view(
        MailTextView,
        "mail_text",
        label=_l("Mail texts"),
        icon="fa-envelope-open-text",
        category="settings",
        category_label=_l("Settings"),
        category_icon="fa-cog",
    )
    appbuilder.add_view_no_menu(UserPreferenceView)
    appbuilder.add_view(
        CustomerEventView,
        "customer_event",
        label=_l("Customer history"),
        icon="fa-history",
        category="relations",
        category_label=_l("Customer relations"),
        category_icon="fa-comments",
    )
    appbuilder.add_api(CustomerEventApi)
    appbuilder.add_view(
        DocumentView,
        "document",
        label=_l("Documents"),
        icon="fa-file-alt",
        category="relations",
        category_label=_l("Customer relations"),
        category_icon="fa-comments",
    )
    appbuilder.add_view(
        SupportRequestView,
        "support_request",
        label=_l("Support requests"),
        icon="fa-life-ring",
        category="relations",
        category_label=_l("Customer relations"),
        category_icon="fa-comments",
    )
    appbuilder.add_api(SupportRequestApi)
    appbuilder.add_view(
        AccessRequestView,
        "access_request",
        label=_l("Access requests"),
        icon="fa-user-plus",
        category="relations",
        category_label=_l("Customer relations"),
        category_icon="fa-comments",
    )
    appbuilder.add_api(AccessRequestApi)
