# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Order template: A customer's usual order, to start a new one from."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class OrderTemplate(Model):
    """A customer's usual order, to start a new one from."""

    __tablename__ = "order_template"

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(120), nullable=False)
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")
    contact_id = sa.Column(
        sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL"), nullable=True
    )
    contact = relationship("Contact", foreign_keys=[contact_id], lazy="joined")
    lines = relationship(
        "OrderTemplateLine",
        back_populates="template",
        foreign_keys="OrderTemplateLine.template_id",
        cascade="all, delete-orphan",
    )

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<OrderTemplate {self.id}>"
