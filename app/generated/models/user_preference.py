# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""User preferences: What a member of staff chose for themselves, such as the language of the back office; portal contacts keep theirs on their contact record."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.security.sqla.models import User  # noqa: F401
from sqlalchemy.orm import relationship


class UserPreference(Model):
    """What a member of staff chose for themselves, such as the language of the back office; portal contacts keep theirs on their contact record."""

    __tablename__ = "user_preference"

    id = sa.Column(sa.Integer, primary_key=True)
    language = sa.Column(sa.String(8), nullable=False)
    user_id = sa.Column(
        sa.Integer, sa.ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    user = relationship("User", foreign_keys=[user_id], lazy="joined")

    def __str__(self) -> str:
        return f"User preferences {self.id}"

    def __repr__(self) -> str:
        return f"<UserPreference {self.id}>"
