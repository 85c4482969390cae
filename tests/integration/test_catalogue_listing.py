"""The catalogue's listing kept in memory (app/domain/catalogue_listing.py) follows every change
to the catalogue, whoever makes it, and only those, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import threading
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain import catalogue_listing
from app.domain.catalogue_cards import CARD_COLUMNS
from app.domain.shopper import shopper_for
from app.domain.translations import translated
from app.domain.visibility import catalogue_page, visible_catalogues
from app.extensions import db
from app.generated.models import (
    Article,
    ArticleTag,
    ArticleTranslation,
    Brand,
    Catalogue,
    CatalogueTranslation,
    Customer,
    Family,
    StockLevel,
    Warehouse,
)

TODAY = datetime.date(2026, 3, 15)


@pytest.fixture
def shop(session):
    """A public catalogue with two families, one article in each, and a customer; committed,
    as the back office would leave them."""
    public = Catalogue(code="GEN", name="General", is_public=True)
    hidden = Catalogue(code="HID", name="Hidden", is_public=False)
    books = Family(code="BOOKS", name="Books", catalogue=public)
    pens = Family(code="PENS", name="Pens", catalogue=public)
    customer = Customer(code="C1", name="Lyon library")
    session.add_all([public, hidden, books, pens, customer])
    session.flush()
    for sku, name, family in (("B1", "Atlas", books), ("P1", "Pen", pens)):
        session.add(
            Article(sku=sku, name=name, status="active", base_price=Decimal(1), family=family)
        )
    session.commit()
    return {"customer": customer.id, "books": books.id, "pens": pens.id, "hidden": hidden.id}


def page_skus(shop, **arguments) -> list[str]:
    """The SKUs on the first page, in a transaction of their own (as a request would)."""
    session = db.session
    shopper = shopper_for(session, session.get(Customer, shop["customer"]), today=TODAY)
    skus = [a.sku for a in catalogue_page(session, shopper, **arguments).articles]
    session.rollback()
    return skus


def listing():
    found = catalogue_listing.current(db.session)
    db.session.rollback()
    return found


def test_the_listing_is_read_once_while_the_catalogue_does_not_change(shop, session):
    first = listing()
    # Neither stock nor a warehouse are the listing's business.
    warehouse = Warehouse(code="W1", name="Main")
    session.add(warehouse)
    session.flush()
    article_id = session.scalar(sa.select(Article.id).where(Article.sku == "B1"))
    session.add(StockLevel(warehouse=warehouse, article_id=article_id, on_hand=5))
    session.commit()
    assert listing() is first
    assert page_skus(shop) == ["B1", "P1"]


def test_a_change_committed_elsewhere_shows_on_the_next_page(shop, session):
    assert page_skus(shop) == ["B1", "P1"]
    # Another process, or an import's bulk statements: no ORM session of this one involved.
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Article.__table__).where(Article.sku == "B1").values(name="Zebra atlas")
        )
        connection.execute(
            sa.insert(Article.__table__).values(
                sku="P2", name="Pencil", status="active", base_price=1, family_id=shop["pens"]
            )
        )
    assert page_skus(shop) == ["P1", "P2", "B1"]
    assert page_skus(shop, sort="sku") == ["B1", "P1", "P2"]


def test_an_article_hidden_or_moved_leaves_the_listing(shop, session):
    assert page_skus(shop) == ["B1", "P1"]
    session.execute(sa.update(Article).where(Article.sku == "B1").values(status="hidden"))
    session.commit()
    assert page_skus(shop) == ["P1"]
    # A family moved to a catalogue the customer does not see takes its articles along.
    session.get(Family, shop["pens"]).catalogue_id = shop["hidden"]
    session.commit()
    assert page_skus(shop) == []


def test_a_translated_name_and_a_tag_change_the_listing(shop, session):
    first = listing()
    atlas = session.scalars(sa.select(Article).where(Article.sku == "B1")).one()
    atlas.translations["fr"] = ArticleTranslation(language="fr", name="Zèbre")
    session.commit()
    second = listing()
    assert second is not first
    atlas = session.scalars(sa.select(Article).where(Article.sku == "B1")).one()
    atlas.tags.append(ArticleTag(code="NEW", name="New"))
    session.commit()
    assert listing() is not second


def test_a_change_rolled_back_leaves_the_listing_as_it_was(shop, session):
    first = listing()
    session.execute(sa.update(Article).where(Article.sku == "B1").values(name="Zebra atlas"))
    session.rollback()
    assert listing() is first
    assert page_skus(shop) == ["B1", "P1"]


def test_a_transaction_sees_its_own_changes_before_it_commits(shop, session):
    assert page_skus(shop) == ["B1", "P1"]
    session.scalars(sa.select(Article).where(Article.sku == "B1")).one().name = "Zebra atlas"
    session.flush()
    shopper = shopper_for(session, session.get(Customer, shop["customer"]), today=TODAY)
    assert [a.sku for a in catalogue_page(session, shopper).articles] == ["P1", "B1"]
    session.rollback()
    assert page_skus(shop) == ["B1", "P1"]
    # A statement run through the session, not a flush of its objects.
    session.execute(sa.update(Article).where(Article.sku == "P1").values(status="hidden"))
    assert [a.sku for a in catalogue_page(session, shopper).articles] == ["B1"]
    session.rollback()
    assert page_skus(shop) == ["B1", "P1"]


def first_card(shop):
    """The first card of the first page, in a transaction of its own (as a request would)."""
    session = db.session
    shopper = shopper_for(session, session.get(Customer, shop["customer"]), today=TODAY)
    card = catalogue_page(session, shopper).articles[0]
    session.rollback()
    return card


# Each thing a card shows, changed as an import or a script would change it (no ORM session of
# this process involved): (column, new value, how the card shows it).
CARD_CHANGES = [
    ("sku", "B1-NEW", lambda card: card.sku),
    ("ean", "9780000000002", lambda card: card.ean),
    ("name", "Atlas, new edition", lambda card: card.name),
    ("photo", "atlas.jpg", lambda card: card.photo),
    ("pack_size", 6, lambda card: card.pack_size),
    ("order_multiple", 3, lambda card: card.order_multiple),
    ("minimum_quantity", 2, lambda card: card.minimum_quantity),
    ("available_from", datetime.date(2026, 9, 1), lambda card: card.available_from),
    ("publication_date", datetime.date(2026, 1, 2), lambda card: card.publication_date),
    ("personalisation_allowed", True, lambda card: card.personalisation_allowed),
]


@pytest.mark.parametrize(
    ("column", "value", "shown"), CARD_CHANGES, ids=[c[0] for c in CARD_CHANGES]
)
def test_a_card_shows_each_change_to_its_article_on_the_next_page(shop, column, value, shown):
    assert first_card(shop).sku == "B1"
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Article.__table__).where(Article.sku == "B1").values({column: value})
        )
    assert shown(first_card(shop)) == value


def test_every_column_a_card_shows_is_watched_by_the_version():
    assert {c[0] for c in CARD_CHANGES} | {"id"} == set(CARD_COLUMNS)


def test_a_card_shows_a_new_translated_name_and_a_renamed_brand(shop, session):
    acme = Brand(name="Acme")
    atlas = session.scalars(sa.select(Article).where(Article.sku == "B1")).one()
    atlas.brand = acme
    session.commit()
    assert (first_card(shop).brand_name, first_card(shop).translations) == ("Acme", {})
    with db.engine.begin() as connection:
        connection.execute(sa.update(Brand.__table__).values(name="Acme Books"))
        connection.execute(
            sa.insert(ArticleTranslation.__table__).values(
                article_id=atlas.id, language="fr", name="Atlas (fr)"
            )
        )
    card = first_card(shop)
    assert card.brand_name == "Acme Books"
    assert translated(card, "name", "fr") == "Atlas (fr)"
    assert translated(card, "name", "de") == "Atlas"


def catalogue_names(shop, language="en"):
    """The catalogues listed beside the articles, in a transaction of their own."""
    session = db.session
    shopper = shopper_for(
        session, session.get(Customer, shop["customer"]), today=TODAY, language=language
    )
    names = [translated(c, "name", language) for c in visible_catalogues(session, shopper)]
    session.rollback()
    return names


def test_a_catalogue_renamed_translated_or_added_shows_on_the_next_page(shop, session):
    assert catalogue_names(shop) == ["General"]
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Catalogue.__table__).where(Catalogue.code == "GEN").values(name="Books")
        )
        connection.execute(
            sa.update(Catalogue.__table__).where(Catalogue.code == "HID").values(is_public=True)
        )
    assert catalogue_names(shop) == ["Books", "Hidden"]
    with db.engine.begin() as connection:
        general = connection.scalar(sa.select(Catalogue.id).where(Catalogue.code == "GEN"))
        connection.execute(
            sa.insert(CatalogueTranslation.__table__).values(
                catalogue_id=general, language="fr", name="Livres"
            )
        )
    assert catalogue_names(shop, "fr") == ["Livres", "Hidden"]


def test_a_search_follows_names_skus_and_eans_changed_elsewhere(shop, session):
    assert page_skus(shop, search="atlas") == ["B1"]
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Article.__table__)
            .where(Article.sku == "B1")
            .values(name="World map", sku="MAP-1", ean="9782070368228")
        )
        pen = connection.scalar(sa.select(Article.id).where(Article.sku == "P1"))
        connection.execute(
            sa.insert(ArticleTranslation.__table__).values(
                article_id=pen, language="fr", name="Stylo plume"
            )
        )
    assert page_skus(shop, search="atlas") == []
    assert page_skus(shop, search="world") == ["MAP-1"]
    assert page_skus(shop, search="map-") == ["MAP-1"]
    assert page_skus(shop, search="2-07-036822-X") == ["MAP-1"]
    session.get(Customer, shop["customer"]).language = "fr"
    session.commit()
    assert page_skus(shop, search="plume") == ["P1"]


def test_a_search_finds_each_article_once_whatever_it_holds(shop, session):
    """Names are searched as one text: a part found twice in a name is one match, the last
    name is found, and no match runs from one name into the next."""
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Article.__table__).where(Article.sku == "P1").values(name="Pen pen pen")
        )
        connection.execute(
            sa.insert(Article.__table__).values(
                sku="Z9", name="Zz pen", status="active", base_price=1, family_id=shop["pens"]
            )
        )
    assert page_skus(shop, search="pen") == ["P1", "Z9"]
    assert page_skus(shop, search="n p") == ["P1"]
    assert page_skus(shop, search="en\x00p") == []
    assert page_skus(shop, search="z") == ["Z9"]


def test_cards_are_read_once_per_version(shop, session):
    assert first_card(shop) is first_card(shop)
    # A price is not on the card: the card read before stands.
    kept = first_card(shop)
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Article.__table__).where(Article.sku == "B1").values(base_price=9)
        )
    assert first_card(shop) is kept


def test_a_transaction_sees_its_own_change_to_a_card(shop, session):
    assert first_card(shop).ean is None
    session.execute(sa.update(Article).where(Article.sku == "B1").values(ean="9780000000002"))
    shopper = shopper_for(session, session.get(Customer, shop["customer"]), today=TODAY)
    assert catalogue_page(session, shopper).articles[0].ean == "9780000000002"
    session.rollback()
    assert first_card(shop).ean is None


def test_two_writers_of_the_catalogue_wait_for_each_other_without_a_deadlock(shop, app):
    """Each holds an article the other then wants: the version row must not be a third lock
    taken in the middle of their transactions (PostgreSQL would end one as a deadlock)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    rename = sa.update(Article.__table__)
    first, second = db.engine.connect(), db.engine.connect()
    errors = []
    try:
        for connection in (first, second):
            connection.begin()
            # A lock never granted fails the test rather than hang it.
            connection.exec_driver_sql("SET LOCAL lock_timeout = '5s'")
        first.execute(rename.where(Article.sku == "B1").values(name="First's atlas"))
        second.execute(rename.where(Article.sku == "P1").values(name="Second's pen"))

        def first_goes_on():
            try:
                with app.app_context():
                    first.execute(rename.where(Article.sku == "P1").values(name="First's pen"))
                    first.commit()
            except Exception as error:  # reported below
                errors.append(error)

        waiting = threading.Thread(target=first_goes_on)
        waiting.start()
        waiting.join(0.5)  # it waits for the second's article
        second.commit()
        waiting.join(10)
        assert not waiting.is_alive()
    finally:
        first.close()
        second.close()
    assert errors == []
    assert page_skus(shop) == ["B1", "P1"]
    names = db.session.scalars(sa.select(Article.name).order_by(Article.sku)).all()
    assert names == ["First's atlas", "First's pen"]
