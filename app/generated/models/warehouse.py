# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Warehouse: Warehouses"""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship

from app.generated.models._associations import customer_allowed_warehouses


class Warehouse(Model):
    """Warehouse"""

    __tablename__ = "warehouse"
    __table_args__ = (
        sa.CheckConstraint(
            "default_shipping_fee >= 0", name="ck_warehouse_default_shipping_fee_min"
        ),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(20), nullable=False, unique=True)
    name = sa.Column(sa.String(100), nullable=False)
    city = sa.Column(sa.String(100), nullable=True)
    country = sa.Column(sa.String(2), nullable=False, default="FR", server_default=sa.text("'FR'"))
    default_shipping_fee = sa.Column(sa.Numeric(14, 4), nullable=True)
    stock_levels = relationship(
        "StockLevel",
        back_populates="warehouse",
        foreign_keys="StockLevel.warehouse_id",
        cascade="all, delete-orphan",
    )
    customers = relationship(
        "Customer", back_populates="default_warehouse", foreign_keys="Customer.default_warehouse_id"
    )
    allowed_customers = relationship(
        "Customer", secondary=customer_allowed_warehouses, back_populates="allowed_warehouses"
    )

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<Warehouse {self.id}>"
