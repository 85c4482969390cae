"""The documents space: files the seller shares with every customer, a group or one customer.

A contact sees, for the customer they work for now, the documents shared with everyone, with
that customer's group and with that customer itself; any other document does not exist for
them (the portal answers 404), whatever its id.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.generated.models import Customer, Document


def _shared_with(customer: Customer):
    # The audience and its target are asked together: a row written around the screen's checks
    # (app.domain.customers.document_problems) naming a group yet shared with one customer must
    # not reach the group.
    in_group = (
        sa.and_(Document.audience == "group", Document.group_id == customer.group_id)
        if customer.group_id is not None
        else sa.false()
    )
    return sa.or_(
        Document.audience == "everyone",
        in_group,
        sa.and_(Document.audience == "customer", Document.customer_id == customer.id),
    )


def documents_for(session: Session, customer: Customer) -> list[Document]:
    """The documents the customer's contacts may see, newest first."""
    return list(
        session.scalars(
            sa.select(Document)
            .where(_shared_with(customer))
            .order_by(Document.published_on.desc().nulls_last(), Document.id.desc())
        ).unique()
    )


def document_for(session: Session, customer: Customer, document_id: int) -> Document | None:
    """The document if the customer's contacts may see it, else None."""
    return session.scalars(
        sa.select(Document).where(Document.id == document_id, _shared_with(customer))
    ).first()
