# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Exclusion: An article or family that a customer or a customer group does not see."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class Exclusion(Model):
    """An article or family that a customer or a customer group does not see."""

    __tablename__ = "exclusion"

    id = sa.Column(sa.Integer, primary_key=True)
    reason = sa.Column(sa.String(200), nullable=True)
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=True, index=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")
    group_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer_group.id", ondelete="CASCADE"), nullable=True
    )
    group = relationship("CustomerGroup", foreign_keys=[group_id], lazy="joined")
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=True
    )
    article = relationship("Article", foreign_keys=[article_id], lazy="joined")
    family_id = sa.Column(sa.Integer, sa.ForeignKey("family.id", ondelete="CASCADE"), nullable=True)
    family = relationship("Family", foreign_keys=[family_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.reason or "")

    def __repr__(self) -> str:
        return f"<Exclusion {self.id}>"
