# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Article photo: Article photos"""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import ImageColumn
from sqlalchemy.orm import relationship


class ArticlePhoto(Model):
    """Article photo"""

    __tablename__ = "article_photo"

    id = sa.Column(sa.Integer, primary_key=True)
    image = sa.Column(ImageColumn(), nullable=False)
    caption = sa.Column(sa.String(200), nullable=True)
    position = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True
    )
    article = relationship(
        "Article", foreign_keys=[article_id], back_populates="photos", lazy="joined"
    )

    def __str__(self) -> str:
        return str(self.caption or "")

    def __repr__(self) -> str:
        return f"<ArticlePhoto {self.id}>"
