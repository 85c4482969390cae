# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Order template line: Order template lines"""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class OrderTemplateLine(Model):
    """Order template line"""

    __tablename__ = "order_template_line"
    __table_args__ = (
        sa.CheckConstraint("quantity >= 1", name="ck_order_template_line_quantity_min"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    quantity = sa.Column(sa.Integer(), nullable=False, default=1, server_default=sa.text("1"))
    line_reference = sa.Column(sa.String(60), nullable=True)
    budget_code = sa.Column(sa.String(40), nullable=True)
    library_relation_code = sa.Column(sa.String(40), nullable=True)
    template_id = sa.Column(
        sa.Integer,
        sa.ForeignKey("order_template.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    template = relationship(
        "OrderTemplate", foreign_keys=[template_id], back_populates="lines", lazy="joined"
    )
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False
    )
    article = relationship("Article", foreign_keys=[article_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.line_reference or "")

    def __repr__(self) -> str:
        return f"<OrderTemplateLine {self.id}>"
