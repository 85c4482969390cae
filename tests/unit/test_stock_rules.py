"""Stock shown to a customer, and reservations and releases under row locks."""

from __future__ import annotations

import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain import stock as stock_module
from app.domain.shopper import Shopper
from app.domain.stock import Stock, release, reserve, reserve_kept, stock_for
from app.generated.models import Article, StockLevel, Warehouse
from tests.shop import plain_shopper, statements_run


@pytest.fixture
def warehouses(session):
    main = Warehouse(code="W1", name="Main")
    other = Warehouse(code="W2", name="Other")
    session.add_all([main, other])
    session.flush()
    return main, other


@pytest.fixture
def articles(session):
    made = [Article(sku=f"A{n}", name=f"Article {n}", status="active") for n in range(3)]
    session.add_all(made)
    session.flush()
    return made


def _level(session, warehouse, article, on_hand, reserved=0, **fields):
    level = StockLevel(
        warehouse=warehouse, article=article, on_hand=on_hand, reserved=reserved, **fields
    )
    session.add(level)
    session.flush()
    return level


def _shopper(warehouse, show_stock=True) -> Shopper:
    return plain_shopper(
        warehouse_id=warehouse.id if warehouse is not None else None, show_stock=show_stock
    )


def _reserved(session, warehouse, article) -> int:
    return session.scalar(
        sa.select(StockLevel.reserved).where(
            StockLevel.warehouse_id == warehouse.id, StockLevel.article_id == article.id
        )
    )


def test_stock_is_shown_only_when_the_settings_enable_it(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 10)
    assert stock_for(session, _shopper(main, show_stock=False), [articles[0].id]) == {}


def test_stock_is_not_shown_to_a_customer_without_warehouse(session, warehouses, articles):
    assert stock_for(session, _shopper(None), [articles[0].id]) == {}


def test_available_stock_is_on_hand_less_reserved_in_the_customer_warehouse(
    session, warehouses, articles
):
    main, other = warehouses
    arrives = datetime.date(2026, 3, 20)
    _level(session, main, articles[0], 10, 3, incoming_quantity=50, incoming_date=arrives)
    _level(session, other, articles[0], 500)
    _level(session, other, articles[1], 500)
    result = stock_for(session, _shopper(main), [a.id for a in articles])
    assert result == {
        articles[0].id: Stock(available=7, incoming_quantity=50, incoming_date=arrives),
        articles[1].id: Stock(0, None, None),  # only the other warehouse has some
        articles[2].id: Stock(0, None, None),
    }


def test_more_reserved_than_on_hand_shows_nothing_available(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 2, 5)
    assert stock_for(session, _shopper(main), [articles[0].id])[articles[0].id].available == 0


def test_stock_of_many_articles_takes_one_query_on_postgresql_and_one_per_chunk_on_sqlite(
    session, warehouses, articles, monkeypatch
):
    main, _other = warehouses
    for article in articles:
        _level(session, main, article, 4)
    with statements_run(session) as statements:
        stock_for(session, _shopper(main), [a.id for a in articles])
    assert len(statements) == 1
    monkeypatch.setattr(stock_module, "CHUNK", 2)
    with statements_run(session) as statements:
        result = stock_for(session, _shopper(main), [a.id for a in articles] * 2)
    # PostgreSQL takes the ids as one array, SQLite as bound parameters, CHUNK at a time.
    chunks = 1 if session.get_bind().dialect.name == "postgresql" else 2
    assert len(statements) == chunks
    assert set(result) == {a.id for a in articles}
    assert {s.available for s in result.values()} == {4}


def test_reserving_what_the_warehouse_keeps_leaves_the_other_articles_alone(
    session, warehouses, articles
):
    main, other = warehouses
    _level(session, main, articles[0], 10, 2)
    _level(session, other, articles[1], 10)  # kept elsewhere: not in this warehouse
    kept, short = reserve_kept(session, main.id, {articles[0].id: 5, articles[1].id: 3})
    assert (kept, short) == ({articles[0].id}, {})
    assert _reserved(session, main, articles[0]) == 7
    assert _reserved(session, other, articles[1]) == 0


def test_reserving_what_the_warehouse_keeps_says_what_falls_short(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 4, 1)
    kept, short = reserve_kept(session, main.id, {articles[0].id: 5, articles[2].id: 1})
    assert (kept, short) == ({articles[0].id}, {articles[0].id: 2})


def test_reserving_what_is_there_reports_no_shortfall(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 10, 2)
    assert reserve(session, main.id, {articles[0].id: 8}) == {}
    assert _reserved(session, main, articles[0]) == 10


def test_reserving_more_than_available_reserves_the_rest_and_reports_the_shortfall(
    session, warehouses, articles
):
    main, _other = warehouses
    _level(session, main, articles[0], 10, 4)
    _level(session, main, articles[1], 5, 0)
    short = reserve(session, main.id, {articles[0].id: 9, articles[1].id: 5})
    assert short == {articles[0].id: 3}
    assert _reserved(session, main, articles[0]) == 10
    assert _reserved(session, main, articles[1]) == 5


def test_an_article_without_stock_in_the_warehouse_is_entirely_short(session, warehouses, articles):
    main, other = warehouses
    _level(session, other, articles[2], 100)
    assert reserve(session, main.id, {articles[2].id: 4}) == {articles[2].id: 4}
    assert _reserved(session, other, articles[2]) == 0


def test_a_second_reservation_sees_what_the_first_took(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 6)
    assert reserve(session, main.id, {articles[0].id: 4}) == {}
    assert reserve(session, main.id, {articles[0].id: 4}) == {articles[0].id: 2}
    assert _reserved(session, main, articles[0]) == 6


def test_a_reservation_reads_stock_changed_behind_the_session(session, warehouses, articles):
    main, _other = warehouses
    level = _level(session, main, articles[0], 6)
    session.execute(sa.update(StockLevel).where(StockLevel.id == level.id).values(reserved=5))
    assert reserve(session, main.id, {articles[0].id: 3}) == {articles[0].id: 2}
    assert _reserved(session, main, articles[0]) == 6


def test_reserving_without_warehouse_is_entirely_short(session, articles):
    assert reserve(session, None, {articles[0].id: 2}) == {articles[0].id: 2}


def test_reserving_nothing_changes_nothing(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 6)
    assert reserve(session, main.id, {articles[0].id: 0}) == {}
    assert reserve(session, main.id, {}) == {}
    assert _reserved(session, main, articles[0]) == 0


def test_a_negative_quantity_is_refused(session, warehouses, articles):
    main, _other = warehouses
    with pytest.raises(ValueError):
        reserve(session, main.id, {articles[0].id: -1})
    with pytest.raises(ValueError):
        release(session, main.id, {articles[0].id: -1})


def test_reservations_in_chunks_cover_every_article(session, warehouses, articles, monkeypatch):
    main, _other = warehouses
    for article in articles:
        _level(session, main, article, 3)
    monkeypatch.setattr(stock_module, "CHUNK", 2)
    assert reserve(session, main.id, {a.id: 4 for a in articles}) == {a.id: 1 for a in articles}


def test_releasing_gives_reserved_stock_back(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 10, 7)
    assert release(session, main.id, {articles[0].id: 5}) == {}
    assert _reserved(session, main, articles[0]) == 2
    assert stock_for(session, _shopper(main), [articles[0].id])[articles[0].id].available == 8


def test_releasing_more_than_reserved_stops_at_zero_and_says_so(session, warehouses, articles):
    main, _other = warehouses
    _level(session, main, articles[0], 10, 2)
    short = release(session, main.id, {articles[0].id: 5, articles[1].id: 1})
    assert short == {articles[0].id: 3, articles[1].id: 1}
    assert _reserved(session, main, articles[0]) == 0


def test_no_articles_need_no_query(session, warehouses):
    main, _other = warehouses
    with statements_run(session) as statements:
        assert stock_for(session, _shopper(main), []) == {}
        assert reserve(session, main.id, {}) == {}
    assert statements == []


def test_concurrent_reservations_never_take_more_than_on_hand(session, warehouses, articles):
    """Eight orders race for 3 pieces each of 10 on hand: 10 are reserved, 14 reported short."""
    engine = session.get_bind()
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers; the row locks are PostgreSQL's")
    main, _other = warehouses
    article = articles[0]
    _level(session, main, article, 10)
    warehouse_id, article_id = main.id, article.id
    session.commit()
    start = threading.Barrier(8)

    def order(_n):
        with Session(engine) as own:
            start.wait()
            short = reserve(own, warehouse_id, {article_id: 3})
            time.sleep(0.01)  # hold the lock a moment, as a checkout would
            own.commit()
            return short.get(article_id, 0)

    with ThreadPoolExecutor(8) as pool:
        shortfalls = list(pool.map(order, range(8)))
    session.expire_all()
    assert _reserved(session, main, article) == 10
    assert sum(shortfalls) == 8 * 3 - 10
