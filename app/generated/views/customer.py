# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of customers."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import URL, Email, Length, NumberRange

from app.backoffice.api_validators import PHONE_NUMBER, country_code, language_code
from app.backoffice.customers import CustomerAdminView
from app.backoffice.filters import RowScope
from app.backoffice.formatting import date_text, datetime_text, money_text, names_text
from app.backoffice.inputs import PHONE, choice_label, country_input, enum_input, language_input
from app.backoffice.views import BackOfficeRestApi
from app.domain.customers import vat_number_problems
from app.generated.models import Customer

LABELS = {
    "code": _l("Customer code"),
    "name": _l("Company name"),
    "vat_number": _l("VAT number"),
    "chamber_of_commerce": _l("Chamber of commerce number"),
    "department": _l("Department"),
    "fiscal_code": _l("Fiscal identifier"),
    "fiscal_regime": _l("Fiscal regime"),
    "status": _l("Status"),
    "refusal_reason": _l("Reason for refusal"),
    "country": _l("Country"),
    "language": _l("Language"),
    "email": _l("Main email"),
    "phone": _l("Phone"),
    "website": _l("Website"),
    "group": _l("Customer group"),
    "sales_rep": _l("Sales representative"),
    "price_level": _l("Price level"),
    "default_warehouse": _l("Default warehouse"),
    "allowed_warehouses": _l("Allowed warehouses"),
    "delivery_round": _l("Delivery round"),
    "tags": _l("Tags"),
    "pay_after_delivery": _l("Payment after delivery"),
    "pay_on_invoice": _l("Payment on invoice"),
    "payment_days": _l("Payment terms (days)"),
    "credit_limit": _l("Credit limit"),
    "overdue_balance": _l("Overdue balance"),
    "not_due_balance": _l("Balance not yet due"),
    "minimum_order": _l("Minimum order amount"),
    "franco_threshold": _l("Franco threshold"),
    "shipping_fee": _l("Shipping fee"),
    "order_unit": _l("Order unit"),
    "hide_prices": _l("Prices"),
    "vat_exempt": _l("VAT"),
    "visible_tags": _l("Visible article tags"),
    "visible_seasons": _l("Visible seasons"),
    "visible_brands": _l("Visible brands"),
    "purchasable": _l("Purchasable articles"),
    "purchasable_product_types": _l("Purchasable product types"),
    "purchasable_articles": _l("Purchasable articles (list)"),
    "private_message": _l("Private message"),
    "customer_since": _l("Customer since"),
    "last_order_at": _l("Last order"),
    "logo": _l("Logo"),
    "contacts": _l("Contacts"),
    "addresses": _l("Addresses"),
    "orders": _l("Orders"),
    "budgets": _l("Library budgets"),
    "library_relations": _l("Library relation codes"),
    "events": _l("History"),
}
DESCRIPTIONS = {
    "vat_number": _l("Checked against the rules of the customer's country."),
    "fiscal_code": _l(
        "National tax identifier when it differs from the VAT number (RFC, NIF, SIRET...)."
    ),
    "refusal_reason": _l("Sent to the applicant and shown when they log in."),
    "language": _l("Used for the customer's emails and documents."),
    "price_level": _l("Leave empty to use the group's."),
    "payment_days": _l("Leave empty to use the group's."),
    "minimum_order": _l("Leave empty to use the group's."),
    "franco_threshold": _l("Leave empty to use the group's."),
    "shipping_fee": _l("Leave empty to use the group's."),
    "visible_tags": _l("When set, the customer sees only articles with one of these tags."),
    "visible_seasons": _l("When set, the customer sees only articles of these seasons."),
    "visible_brands": _l("When set, the customer sees only articles of these brands."),
    "private_message": _l("Shown at the top of this customer's portal."),
}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "group.name": LABELS["group"],
    "sales_rep.username": LABELS["sales_rep"],
    "price_level.name": LABELS["price_level"],
    "default_warehouse.name": LABELS["default_warehouse"],
    "delivery_round.name": LABELS["delivery_round"],
}


class CustomerView(CustomerAdminView):
    """Customers: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Customer)
    entity = "customer"
    list_title = _l("Customers")
    show_title = _l("Customer")
    add_title = _l("Add: %(entity)s", entity=_l("Customer"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Customer"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "code",
        "name",
        "group",
        "status",
        "tags",
        "country",
        "sales_rep",
        "credit_limit",
    ]
    quick_search_columns = ["code", "name", "vat_number", "email"]
    search_columns = [
        "code",
        "name",
        "status",
        "tags",
        "group",
        "sales_rep",
        "country",
        "price_level",
    ]
    base_order = ("name", "asc")
    add_fieldsets = [
        (
            _l("Identity"),
            {"fields": ["code", "name", "status", "group", "sales_rep", "tags", "refusal_reason"]},
        ),
        (
            _l("Company"),
            {
                "fields": [
                    "vat_number",
                    "chamber_of_commerce",
                    "department",
                    "fiscal_code",
                    "fiscal_regime",
                ]
            },
        ),
        (
            _l("Contact details"),
            {"fields": ["country", "language", "email", "phone", "website", "logo"]},
        ),
        (
            _l("Payment"),
            {
                "fields": [
                    "pay_after_delivery",
                    "pay_on_invoice",
                    "payment_days",
                    "credit_limit",
                    "overdue_balance",
                    "not_due_balance",
                ]
            },
        ),
        (
            _l("Conditions"),
            {
                "fields": [
                    "price_level",
                    "minimum_order",
                    "franco_threshold",
                    "shipping_fee",
                    "order_unit",
                    "hide_prices",
                    "vat_exempt",
                ]
            },
        ),
        (_l("Delivery"), {"fields": ["default_warehouse", "allowed_warehouses", "delivery_round"]}),
        (
            _l("Catalogue"),
            {
                "fields": [
                    "visible_tags",
                    "visible_seasons",
                    "visible_brands",
                    "purchasable",
                    "purchasable_product_types",
                    "purchasable_articles",
                ]
            },
        ),
        (_l("Portal"), {"fields": ["private_message", "customer_since"]}),
        (_l("People"), {"fields": ["contacts"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("Identity"),
            {"fields": ["code", "name", "status", "group", "sales_rep", "tags", "refusal_reason"]},
        ),
        (
            _l("Company"),
            {
                "fields": [
                    "vat_number",
                    "chamber_of_commerce",
                    "department",
                    "fiscal_code",
                    "fiscal_regime",
                ]
            },
        ),
        (
            _l("Contact details"),
            {"fields": ["country", "language", "email", "phone", "website", "logo"]},
        ),
        (
            _l("Payment"),
            {
                "fields": [
                    "pay_after_delivery",
                    "pay_on_invoice",
                    "payment_days",
                    "credit_limit",
                    "overdue_balance",
                    "not_due_balance",
                ]
            },
        ),
        (
            _l("Conditions"),
            {
                "fields": [
                    "price_level",
                    "minimum_order",
                    "franco_threshold",
                    "shipping_fee",
                    "order_unit",
                    "hide_prices",
                    "vat_exempt",
                ]
            },
        ),
        (_l("Delivery"), {"fields": ["default_warehouse", "allowed_warehouses", "delivery_round"]}),
        (
            _l("Catalogue"),
            {
                "fields": [
                    "visible_tags",
                    "visible_seasons",
                    "visible_brands",
                    "purchasable",
                    "purchasable_product_types",
                    "purchasable_articles",
                ]
            },
        ),
        (_l("Portal"), {"fields": ["private_message", "customer_since", "last_order_at"]}),
        (_l("People"), {"fields": ["contacts"]}),
    ]
    record_checks = (vat_number_problems,)
    add_form_extra_fields = {
        "status": enum_input(
            LABELS["status"],
            Customer.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        ),
        "country": country_input(
            LABELS["country"], required=True, description=DESCRIPTIONS.get("country", "")
        ),
        "language": language_input(
            LABELS["language"], required=False, description=DESCRIPTIONS.get("language", "")
        ),
        "pay_after_delivery": enum_input(
            LABELS["pay_after_delivery"],
            Customer.PAY_AFTER_DELIVERY_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("pay_after_delivery", ""),
        ),
        "pay_on_invoice": enum_input(
            LABELS["pay_on_invoice"],
            Customer.PAY_ON_INVOICE_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("pay_on_invoice", ""),
        ),
        "order_unit": enum_input(
            LABELS["order_unit"],
            Customer.ORDER_UNIT_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("order_unit", ""),
        ),
        "hide_prices": enum_input(
            LABELS["hide_prices"],
            Customer.HIDE_PRICES_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("hide_prices", ""),
        ),
        "vat_exempt": enum_input(
            LABELS["vat_exempt"],
            Customer.VAT_EXEMPT_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("vat_exempt", ""),
        ),
        "purchasable": enum_input(
            LABELS["purchasable"],
            Customer.PURCHASABLE_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("purchasable", ""),
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {
        "refusal_reason": [Length(max=2000)],
        "email": [Email()],
        "phone": [PHONE],
        "website": [URL()],
        "payment_days": [NumberRange(min=0, max=365)],
        "credit_limit": [NumberRange(min=Decimal("0"))],
        "minimum_order": [NumberRange(min=Decimal("0"))],
        "franco_threshold": [NumberRange(min=Decimal("0"))],
        "shipping_fee": [NumberRange(min=Decimal("0"))],
        "private_message": [Length(max=2000)],
    }
    formatters_columns = {
        "status": choice_label(Customer.STATUS_CHOICES),
        "tags": names_text,
        "pay_after_delivery": choice_label(Customer.PAY_AFTER_DELIVERY_CHOICES),
        "pay_on_invoice": choice_label(Customer.PAY_ON_INVOICE_CHOICES),
        "credit_limit": money_text,
        "overdue_balance": money_text,
        "not_due_balance": money_text,
        "minimum_order": money_text,
        "franco_threshold": money_text,
        "shipping_fee": money_text,
        "order_unit": choice_label(Customer.ORDER_UNIT_CHOICES),
        "hide_prices": choice_label(Customer.HIDE_PRICES_CHOICES),
        "vat_exempt": choice_label(Customer.VAT_EXEMPT_CHOICES),
        "purchasable": choice_label(Customer.PURCHASABLE_CHOICES),
        "customer_since": date_text,
        "last_order_at": datetime_text,
    }
    base_filters = [["id", RowScope, "customer"]]
    add_form_query_rel_fields = {"contacts": [["id", RowScope, "contact"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class CustomerApi(BackOfficeRestApi):
    """REST API of customers: /api/v1/customer/"""

    resource_name = "customer"
    datamodel = SQLAInterface(Customer)
    entity = "customer"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "code",
        "name",
        "group.id",
        "group.name",
        "status",
        "country",
        "sales_rep.id",
        "sales_rep.username",
        "credit_limit",
    ]
    show_columns = [
        "id",
        "code",
        "name",
        "vat_number",
        "chamber_of_commerce",
        "department",
        "fiscal_code",
        "fiscal_regime",
        "status",
        "refusal_reason",
        "country",
        "language",
        "email",
        "phone",
        "website",
        "group.id",
        "group.name",
        "sales_rep.id",
        "sales_rep.username",
        "price_level.id",
        "price_level.name",
        "default_warehouse.id",
        "default_warehouse.name",
        "delivery_round.id",
        "delivery_round.name",
        "pay_after_delivery",
        "pay_on_invoice",
        "payment_days",
        "credit_limit",
        "overdue_balance",
        "not_due_balance",
        "minimum_order",
        "franco_threshold",
        "shipping_fee",
        "order_unit",
        "hide_prices",
        "vat_exempt",
        "purchasable",
        "private_message",
        "customer_since",
        "last_order_at",
        "logo",
    ]
    add_columns = [
        "code",
        "name",
        "vat_number",
        "chamber_of_commerce",
        "department",
        "fiscal_code",
        "fiscal_regime",
        "status",
        "refusal_reason",
        "country",
        "language",
        "email",
        "phone",
        "website",
        "group",
        "sales_rep",
        "price_level",
        "default_warehouse",
        "allowed_warehouses",
        "delivery_round",
        "tags",
        "pay_after_delivery",
        "pay_on_invoice",
        "payment_days",
        "credit_limit",
        "overdue_balance",
        "not_due_balance",
        "minimum_order",
        "franco_threshold",
        "shipping_fee",
        "order_unit",
        "hide_prices",
        "vat_exempt",
        "visible_tags",
        "visible_seasons",
        "visible_brands",
        "purchasable",
        "purchasable_product_types",
        "purchasable_articles",
        "private_message",
        "customer_since",
        "contacts",
    ]
    edit_columns = add_columns
    search_columns = [
        "code",
        "name",
        "status",
        "tags",
        "group",
        "sales_rep",
        "country",
        "price_level",
    ]
    order_columns = ["id", "code", "name", "status", "country", "credit_limit"]
    base_order = ("name", "asc")
    validators_columns = {
        "refusal_reason": validate.Length(max=2000),
        "country": country_code,
        "language": language_code,
        "email": validate.Email(),
        "phone": PHONE_NUMBER,
        "website": validate.URL(),
        "payment_days": validate.Range(min=0, max=365),
        "credit_limit": validate.Range(min=Decimal("0")),
        "minimum_order": validate.Range(min=Decimal("0")),
        "franco_threshold": validate.Range(min=Decimal("0")),
        "shipping_fee": validate.Range(min=Decimal("0")),
        "private_message": validate.Length(max=2000),
    }
    record_checks = CustomerView.record_checks
    base_filters = [["id", RowScope, "customer"]]
    add_query_rel_fields = CustomerView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
