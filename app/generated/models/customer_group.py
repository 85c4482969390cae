# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Customer group: Customers sharing the same default conditions."""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class CustomerGroup(Model):
    """Customers sharing the same default conditions."""

    __tablename__ = "customer_group"
    __table_args__ = (
        sa.CheckConstraint("minimum_order >= 0", name="ck_customer_group_minimum_order_min"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(100), nullable=False, unique=True)
    minimum_order = sa.Column(
        sa.Numeric(14, 4),
        nullable=True,
        default=Decimal("0"),
        server_default=sa.text("0"),
        comment="Orders below this amount, before VAT, cannot be placed.",
    )
    hide_prices = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    customers = relationship(
        "Customer", back_populates="group", foreign_keys="Customer.group_id", passive_deletes="all"
    )

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<CustomerGroup {self.id}>"
