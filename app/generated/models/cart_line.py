# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Cart line: An article in a contact's cart for one customer, until the order is placed."""

import datetime

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class CartLine(Model):
    """An article in a contact's cart for one customer, until the order is placed."""

    __tablename__ = "cart_line"
    __table_args__ = (sa.CheckConstraint("quantity >= 1", name="ck_cart_line_quantity_min"),)

    id = sa.Column(sa.Integer, primary_key=True)
    quantity = sa.Column(sa.Integer(), nullable=False)
    line_reference = sa.Column(sa.String(60), nullable=True)
    budget_code = sa.Column(sa.String(40), nullable=True)
    library_relation_code = sa.Column(sa.String(40), nullable=True)
    personalisation = sa.Column(sa.String(500), nullable=True)
    added_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=True,
        default=lambda: datetime.datetime.now(datetime.UTC),
        server_default=sa.func.now(),
    )
    contact_id = sa.Column(
        sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False, index=True
    )
    contact = relationship("Contact", foreign_keys=[contact_id], lazy="joined")
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False
    )
    article = relationship("Article", foreign_keys=[article_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.line_reference or "")

    def __repr__(self) -> str:
        return f"<CartLine {self.id}>"
