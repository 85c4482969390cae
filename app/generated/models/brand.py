# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Brand: A brand or publisher."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import ImageColumn
from sqlalchemy.orm import relationship


class Brand(Model):
    """A brand or publisher."""

    __tablename__ = "brand"

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(100), nullable=False, unique=True)
    logo = sa.Column(ImageColumn(), nullable=True)
    articles = relationship("Article", back_populates="brand", foreign_keys="Article.brand_id")

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<Brand {self.id}>"
