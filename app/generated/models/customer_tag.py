# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Customer tag: A free label to sort customers (school, library, key account...)."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship

from app.generated.models._associations import customer_tag_customers


class CustomerTag(Model):
    """A free label to sort customers (school, library, key account...)."""

    __tablename__ = "customer_tag"

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(60), nullable=False, unique=True)
    colour = sa.Column(sa.String(7), nullable=True)
    customers = relationship("Customer", secondary=customer_tag_customers, back_populates="tags")

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<CustomerTag {self.id}>"
