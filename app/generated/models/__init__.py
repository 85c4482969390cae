# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Every model class generated from model.yaml."""

from app.generated.models.access_request import AccessRequest
from app.generated.models.address import Address
from app.generated.models.article import Article, ArticleTranslation
from app.generated.models.article_photo import ArticlePhoto
from app.generated.models.article_tag import ArticleTag, ArticleTagTranslation
from app.generated.models.brand import Brand
from app.generated.models.cart_line import CartLine
from app.generated.models.catalogue import Catalogue, CatalogueTranslation
from app.generated.models.contact import Contact
from app.generated.models.customer import Customer
from app.generated.models.customer_event import CustomerEvent
from app.generated.models.customer_group import CustomerGroup
from app.generated.models.customer_tag import CustomerTag
from app.generated.models.delivery_round import DeliveryRound
from app.generated.models.document import Document, DocumentTranslation
from app.generated.models.excluded_delivery_day import ExcludedDeliveryDay
from app.generated.models.exclusion import Exclusion
from app.generated.models.family import Family, FamilyTranslation
from app.generated.models.import_run import ImportRun
from app.generated.models.library_budget import LibraryBudget
from app.generated.models.library_relation import LibraryRelation
from app.generated.models.mail_text import MailText
from app.generated.models.order_discount import OrderDiscount
from app.generated.models.order_line import OrderLine
from app.generated.models.order_template import OrderTemplate
from app.generated.models.order_template_line import OrderTemplateLine
from app.generated.models.outbox_entry import OutboxEntry
from app.generated.models.portal_settings import PortalSettings
from app.generated.models.price import Price
from app.generated.models.price_level import PriceLevel, PriceLevelTranslation
from app.generated.models.price_list import PriceList
from app.generated.models.product_type import ProductType, ProductTypeTranslation
from app.generated.models.promotion import Promotion, PromotionTranslation
from app.generated.models.sales_order import SalesOrder
from app.generated.models.season import Season, SeasonTranslation
from app.generated.models.selection import Selection, SelectionTranslation
from app.generated.models.shipping_rule import ShippingRule
from app.generated.models.stock_level import StockLevel
from app.generated.models.support_request import SupportRequest
from app.generated.models.user_preference import UserPreference
from app.generated.models.warehouse import Warehouse

__all__ = [
    "AccessRequest",
    "Address",
    "Article",
    "ArticlePhoto",
    "ArticleTag",
    "ArticleTagTranslation",
    "ArticleTranslation",
    "Brand",
    "CartLine",
    "Catalogue",
    "CatalogueTranslation",
    "Contact",
    "Customer",
    "CustomerEvent",
    "CustomerGroup",
    "CustomerTag",
    "DeliveryRound",
    "Document",
    "DocumentTranslation",
    "ExcludedDeliveryDay",
    "Exclusion",
    "Family",
    "FamilyTranslation",
    "ImportRun",
    "LibraryBudget",
    "LibraryRelation",
    "MailText",
    "OrderDiscount",
    "OrderLine",
    "OrderTemplate",
    "OrderTemplateLine",
    "OutboxEntry",
    "PortalSettings",
    "Price",
    "PriceLevel",
    "PriceLevelTranslation",
    "PriceList",
    "ProductType",
    "ProductTypeTranslation",
    "Promotion",
    "PromotionTranslation",
    "SalesOrder",
    "Season",
    "SeasonTranslation",
    "Selection",
    "SelectionTranslation",
    "ShippingRule",
    "StockLevel",
    "SupportRequest",
    "UserPreference",
    "Warehouse",
]
