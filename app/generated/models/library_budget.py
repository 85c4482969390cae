# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Library budget: A library's budget for a year or a fund, with the discounts it earns."""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class LibraryBudget(Model):
    """A library's budget for a year or a fund, with the discounts it earns."""

    __tablename__ = "library_budget"
    __table_args__ = (
        sa.UniqueConstraint("customer_id", "code", name="uq_library_budget_customer_code"),
        sa.CheckConstraint("total >= 0", name="ck_library_budget_total_min"),
        sa.CheckConstraint("default_discount >= 0", name="ck_library_budget_default_discount_min"),
        sa.CheckConstraint(
            "default_discount <= 100", name="ck_library_budget_default_discount_max"
        ),
        sa.CheckConstraint(
            "fixed_price_discount >= 0", name="ck_library_budget_fixed_price_discount_min"
        ),
        sa.CheckConstraint(
            "fixed_price_discount <= 100", name="ck_library_budget_fixed_price_discount_max"
        ),
        sa.CheckConstraint(
            "fixed_price_months >= 0", name="ck_library_budget_fixed_price_months_min"
        ),
        sa.CheckConstraint(
            "fixed_price_months <= 240", name="ck_library_budget_fixed_price_months_max"
        ),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False)
    name = sa.Column(sa.String(150), nullable=True)
    total = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    remaining = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    default_discount = sa.Column(
        sa.Numeric(5, 2), nullable=True, default=Decimal("0"), server_default=sa.text("0")
    )
    fixed_price_discount = sa.Column(
        sa.Numeric(5, 2),
        nullable=True,
        default=Decimal("0"),
        server_default=sa.text("0"),
        comment="Discount while a book is within its fixed-price period (book price laws).",
    )
    fixed_price_months = sa.Column(
        sa.Integer(),
        nullable=True,
        default=24,
        server_default=sa.text("24"),
        comment="Months from the publication date during which the fixed-price discount applies.",
    )
    valid_from = sa.Column(sa.Date(), nullable=True)
    valid_to = sa.Column(sa.Date(), nullable=True)
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    customer = relationship(
        "Customer", foreign_keys=[customer_id], back_populates="budgets", lazy="joined"
    )

    def __str__(self) -> str:
        return " ".join(str(part) for part in (self.code, self.name) if part)

    def __repr__(self) -> str:
        return f"<LibraryBudget {self.id}>"
