# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Portal settings: How the portal looks and which doors it opens; one record for the whole shop."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import ImageColumn
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship


class PortalSettings(Model):
    """How the portal looks and which doors it opens; one record for the whole shop."""

    __tablename__ = "portal_settings"
    __table_args__ = (
        sa.CheckConstraint("length(currency) >= 3", name="ck_portal_settings_currency_min_length"),
    )

    SKIN_CHOICES = (
        ("classic", _l("Classic blue")),
        ("forest", _l("Forest green")),
        ("bordeaux", _l("Bordeaux")),
        ("graphite", _l("Graphite")),
        ("custom", _l("Custom colours")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    shop_name = sa.Column(sa.String(120), nullable=False)
    logo = sa.Column(ImageColumn(), nullable=True)
    skin = sa.Column(
        sa.Enum(
            "classic",
            "forest",
            "bordeaux",
            "graphite",
            "custom",
            name="portal_settings_skin",
            native_enum=False,
            create_constraint=True,
            length=8,
        ),
        nullable=False,
        default="classic",
        server_default=sa.text("'classic'"),
    )
    primary_colour = sa.Column(
        sa.String(7), nullable=True, comment="With the custom skin: a colour such as #1F6FEB."
    )
    accent_colour = sa.Column(
        sa.String(7), nullable=True, comment="With the custom skin: a colour such as #F59E0B."
    )
    default_language = sa.Column(
        sa.String(8), nullable=False, default="en", server_default=sa.text("'en'")
    )
    currency = sa.Column(
        sa.String(3),
        nullable=False,
        default="EUR",
        server_default=sa.text("'EUR'"),
        comment="Three-letter ISO code, such as EUR, USD or MXN.",
    )
    show_stock = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    hide_prices = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=False,
        server_default=sa.false(),
        comment="Prices are hidden from every customer unless their group or record says otherwise.",
    )
    public_catalogue = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=False,
        server_default=sa.false(),
        comment="Visitors who are not logged in may browse the public catalogues, without prices.",
    )
    self_registration = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=False,
        server_default=sa.false(),
        comment="Visitors may apply for a customer account.",
    )
    approval_required = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=True,
        server_default=sa.true(),
        comment="New accounts wait for a member of staff to approve them.",
    )
    access_request_button = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=True,
        server_default=sa.true(),
        comment="Shows a button on the login page to ask for access.",
    )
    reuse_previous_shipping_fee = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    hold_orders_over_credit_limit = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=False,
        server_default=sa.false(),
        comment="An order over the customer's credit limit waits for approval instead of being refused.",
    )
    staff_email = sa.Column(
        sa.String(254),
        nullable=True,
        comment="New applications and orders are announced to this address.",
    )
    default_price_level_id = sa.Column(
        sa.Integer, sa.ForeignKey("price_level.id", ondelete="SET NULL"), nullable=True
    )
    default_price_level = relationship(
        "PriceLevel", foreign_keys=[default_price_level_id], lazy="joined"
    )
    default_warehouse_id = sa.Column(
        sa.Integer, sa.ForeignKey("warehouse.id", ondelete="SET NULL"), nullable=True
    )
    default_warehouse = relationship(
        "Warehouse", foreign_keys=[default_warehouse_id], lazy="joined"
    )

    def __str__(self) -> str:
        return str(self.shop_name or "")

    def __repr__(self) -> str:
        return f"<PortalSettings {self.id}>"
