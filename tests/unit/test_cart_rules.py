"""Cart rules (app/domain/cart.py), read as the seller's manual, on SQLite and PostgreSQL.

`OrderingWorld` is the small shop the cart, budget and checkout tests share: a public catalogue
with a family, a customer with a contact and an address, articles, budgets and stock.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain.cart import (
    add_to_cart,
    cart_lines,
    change_line,
    empty_cart,
    remove_line,
    summarise_cart,
)
from app.domain.ordering import OrderingRefusal
from app.domain.shopper import shopper_for
from app.generated.models import (
    Address,
    Article,
    ArticleTranslation,
    CartLine,
    Catalogue,
    Contact,
    Customer,
    CustomerGroup,
    Exclusion,
    Family,
    LibraryBudget,
    OrderDiscount,
    PortalSettings,
    ShippingRule,
    StockLevel,
    Warehouse,
)
from tests.shop import statements_run

TODAY = datetime.date(2026, 3, 16)  # a Monday
NOW = datetime.datetime(2026, 3, 16, 10, 0)
D = Decimal


class OrderingWorld:
    """A shop with one public catalogue, a customer (with a contact, an address and a
    warehouse) and whatever articles, budgets and stock a test adds."""

    def __init__(self, session, *, customer_language="en", contact_language=None):
        self.session = session
        self.settings = PortalSettings(
            shop_name="Papeterie Test",
            staff_email="staff@seller.example",
            default_language="en",
            currency="EUR",
        )
        self.warehouse = Warehouse(code="W1", name="Main")
        self.catalogue = Catalogue(code="MAIN", name="Main", is_public=True)
        self.family = Family(code="BOOKS", name="Books", catalogue=self.catalogue)
        self.group = CustomerGroup(name="Libraries")
        self.customer = Customer(
            code="C1",
            name="Lyon library",
            status="active",
            language=customer_language,
            group=self.group,
            default_warehouse=self.warehouse,
        )
        self.contact = Contact(
            first_name="Ada",
            last_name="Buyer",
            email="ada@library.example",
            status="active",
            language=contact_language,
            customers=[self.customer],
        )
        self.address = Address(
            customer=self.customer,
            kind="both",
            name="Lyon library",
            line1="1 rue des Livres",
            postcode="69001",
            city="Lyon",
            country="FR",
        )
        session.add_all([self.settings, self.customer, self.contact, self.address])
        session.flush()
        self._serial = 0

    def article(self, price="10.00", *, vat_rate="20.00", sku=None, **fields) -> Article:
        self._serial += 1
        fields.setdefault("family", self.family)
        article = Article(
            sku=sku or f"A{self._serial:03d}",
            name=fields.pop("name", f"Article {self._serial}"),
            status=fields.pop("status", "active"),
            base_price=D(price),
            vat_rate=D(vat_rate),
            **fields,
        )
        self.session.add(article)
        self.session.flush()
        return article

    def budget(self, code="B1", remaining="100.00", **fields) -> LibraryBudget:
        budget = LibraryBudget(
            customer=self.customer,
            code=code,
            name=fields.pop("name", f"Budget {code}"),
            total=D(fields.pop("total", remaining)),
            remaining=D(remaining),
            default_discount=D(fields.pop("default_discount", "0")),
            fixed_price_discount=D(fields.pop("fixed_price_discount", "0")),
            **fields,
        )
        self.session.add(budget)
        self.session.flush()
        return budget

    def stock(self, article, on_hand, reserved=0) -> StockLevel:
        level = StockLevel(
            warehouse=self.warehouse, article=article, on_hand=on_hand, reserved=reserved
        )
        self.session.add(level)
        self.session.flush()
        return level

    def shopper(self, **fields):
        self.session.flush()
        self.session.refresh(self.customer)
        return shopper_for(self.session, self.customer, self.contact, today=TODAY, **fields)

    def add(self, article, quantity=1, **split) -> CartLine:
        return add_to_cart(self.session, self.shopper(), article.id, quantity, **split)

    def summary(self, **shopper_fields):
        shopper = self.shopper(**shopper_fields)
        return summarise_cart(
            self.session, shopper, cart_lines(self.session, shopper), self.contact
        )


@pytest.fixture
def world(session):
    return OrderingWorld(session)


# --- adding, changing, removing -----------------------------------------------------------------


def test_same_article_with_the_same_split_adds_up_on_one_line(world):
    book = world.article()
    first = world.add(book, 2, line_reference="Class 3B")
    again = world.add(book, 3, line_reference=" Class 3B ")
    assert again.id == first.id
    assert again.quantity == 5
    assert len(cart_lines(world.session, world.shopper())) == 1


def test_the_line_added_holds_its_article_so_that_naming_it_reads_nothing_again(world):
    book = world.article()
    article_id = book.id
    world.session.expunge(book)  # as in a request: the article is read by add_to_cart alone
    del book
    line = add_to_cart(world.session, world.shopper(), article_id, 1)
    with statements_run(world.session) as seen:
        assert line.article.id == article_id
    assert seen == []


def test_a_different_split_is_a_line_of_its_own(world):
    book = world.article()
    world.budget("B1")
    world.add(book, 2)
    world.add(book, 2, line_reference="Class 3B")
    world.add(book, 2, budget_code="B1")
    world.add(book, 2, library_relation_code="BRANCH-2")
    lines = cart_lines(world.session, world.shopper())
    assert len(lines) == 4
    assert [line.quantity for line in lines] == [2, 2, 2, 2]


def test_an_article_the_customer_cannot_see_is_refused(world):
    hidden = world.article(status="hidden")
    excluded = world.article()
    world.session.add(Exclusion(customer=world.customer, article=excluded))
    world.session.flush()
    for article in (hidden, excluded):
        with pytest.raises(OrderingRefusal) as refusal:
            world.add(article)
        assert refusal.value.messages == ["This article is not available to you."]
    assert cart_lines(world.session, world.shopper()) == []


def test_an_article_outside_the_purchasable_scope_is_refused(world):
    allowed, other = world.article(), world.article()
    world.customer.purchasable = "articles"
    world.customer.purchasable_articles = [allowed]
    world.session.flush()
    world.add(allowed)
    with pytest.raises(OrderingRefusal) as refusal:
        world.add(other)
    assert "not among the articles your account may order" in refusal.value.messages[0]


def test_a_quantity_against_the_articles_rule_is_refused(world):
    book = world.article(minimum_quantity=6, order_multiple=3)
    with pytest.raises(OrderingRefusal) as refusal:
        world.add(book, 4)
    assert refusal.value.messages == ["Order at least 6 units."]
    with pytest.raises(OrderingRefusal) as refusal:
        world.add(book, 7)
    assert refusal.value.messages == ["Order in multiples of 3 units."]
    for quantity in (0, -1, "two", 2.5):
        with pytest.raises(OrderingRefusal):
            world.add(book, quantity)
    assert world.add(book, 6).quantity == 6


def test_an_unknown_or_expired_budget_code_is_refused(world):
    book = world.article()
    world.budget("OLD", valid_to=TODAY - datetime.timedelta(days=1))
    for code in ("NOPE", "OLD"):
        with pytest.raises(OrderingRefusal) as refusal:
            world.add(book, budget_code=code)
        assert refusal.value.messages == [
            f"The budget code {code} is not one of your current budgets."
        ]


def test_personalisation_only_for_articles_that_take_one(world):
    plain = world.article()
    engraved = world.article(personalisation_allowed=True)
    with pytest.raises(OrderingRefusal):
        world.add(plain, personalisation="For Ada")
    assert world.add(engraved, personalisation="For Ada").personalisation == "For Ada"


def test_change_line_sets_quantity_and_reference_and_zero_removes_it(world):
    book = world.article()
    line = world.add(book, 2)
    shopper = world.shopper()
    changed = change_line(world.session, shopper, line.id, quantity=5, line_reference="Room 4")
    assert (changed.quantity, changed.line_reference) == (5, "Room 4")
    assert change_line(world.session, shopper, line.id, quantity=0) is None
    assert cart_lines(world.session, shopper) == []


def test_changing_a_split_onto_another_lines_merges_them(world):
    book = world.article()
    first = world.add(book, 2, line_reference="A")
    second = world.add(book, 3, line_reference="B")
    merged = change_line(world.session, world.shopper(), second.id, line_reference="A")
    assert merged.id == first.id
    assert merged.quantity == 5
    assert [line.id for line in cart_lines(world.session, world.shopper())] == [first.id]


def test_another_contacts_line_cannot_be_changed_or_removed(world):
    book = world.article()
    line = world.add(book, 2)
    colleague = Contact(
        first_name="Bob", last_name="Other", email="bob@library.example", customers=[world.customer]
    )
    world.session.add(colleague)
    world.session.flush()
    theirs = shopper_for(world.session, world.customer, colleague, today=TODAY)
    assert cart_lines(world.session, theirs) == []
    with pytest.raises(OrderingRefusal):
        change_line(world.session, theirs, line.id, quantity=1)
    with pytest.raises(OrderingRefusal):
        remove_line(world.session, theirs, line.id)
    remove_line(world.session, world.shopper(), line.id)
    assert cart_lines(world.session, world.shopper()) == []


def test_empty_cart_removes_only_this_customers_lines(world):
    book = world.article()
    world.add(book, 1)
    world.add(book, 1, line_reference="X")
    other = Customer(code="C2", name="Other", status="active")
    world.contact.customers.append(other)
    world.session.add(CartLine(contact=world.contact, customer=other, article=book, quantity=1))
    world.session.flush()
    assert empty_cart(world.session, world.shopper()) == 2
    assert world.session.query(CartLine).count() == 1


# --- the summary ---------------------------------------------------------------------------------


def test_summary_totals_lines_order_discount_shipping_and_vat(world):
    book = world.article("10.00", vat_rate="5.50")
    pen = world.article("2.50", vat_rate="20.00")
    world.session.add(OrderDiscount(name="Order tier", min_total=D("50"), percentage=D("10")))
    world.session.add(ShippingRule(name="Default", fee=D("7.00"), franco_threshold=D("200")))
    world.session.flush()
    world.add(book, 6)  # 60.00 at 5.5 %
    world.add(pen, 8)  # 20.00 at 20 %
    summary = world.summary()
    assert [line.line_total for line in summary.lines] == [D("60.00"), D("20.00")]
    assert summary.goods_total == D("80.00")
    assert summary.order_discount == (D("10"), D("8.00"))
    assert summary.shipping_fee == D("7.00")
    assert summary.net_total == D("79.00")  # 80 - 8 + 7
    # The discount is shared 60:20, so 6.00 comes off the 5.5 % base and 2.00 off the 20 %
    # base; shipping is taxed at the highest rate in the cart.
    assert summary.vat_by_rate == {D("5.50"): D("2.97"), D("20.00"): D("5.00")}
    assert summary.vat_total == D("7.97")
    assert summary.gross_total == D("86.97")
    assert summary.franco_missing == D("120.00")
    assert summary.problems == []


def test_vat_exempt_customer_pays_no_vat_on_goods_or_shipping(world):
    book = world.article("10.00")
    world.customer.vat_exempt = "exempt"
    world.session.add(ShippingRule(name="Default", fee=D("5.00")))
    world.session.flush()
    world.add(book, 2)
    summary = world.summary()
    assert summary.vat_total == D("0")
    assert summary.gross_total == summary.net_total == D("25.00")


def test_tier_is_chosen_on_all_units_of_the_article_in_the_cart(world):
    from app.generated.models import Price, PriceList

    book = world.article("10.00")
    price_list = PriceList(name="Customer list", customer=world.customer)
    price_list.prices = [
        Price(article=book, min_quantity=1, unit_price=D("10.00")),
        Price(article=book, min_quantity=10, unit_price=D("8.00")),
    ]
    world.session.add(price_list)
    world.session.flush()
    world.add(book, 6, library_relation_code="NORTH")
    world.add(book, 6, library_relation_code="SOUTH")
    summary = world.summary()
    assert [line.quote.unit_price for line in summary.lines] == [D("8.00"), D("8.00")]
    assert summary.goods_total == D("96.00")


def test_budget_line_gets_the_budget_discount_and_charges_the_budget(world):
    recent = world.article("20.00", publication_date=TODAY - datetime.timedelta(days=30))
    old = world.article("20.00", publication_date=TODAY - datetime.timedelta(days=3 * 365))
    world.budget(
        "LIB", remaining="100.00", fixed_price_discount="5", default_discount="25",
        fixed_price_months=24,
    )  # fmt: skip
    world.add(recent, 2, budget_code="LIB")  # 40.00 less 5 % = 38.00
    world.add(old, 2, budget_code="LIB")  # 40.00 less 25 % = 30.00
    world.add(old, 1)  # not on the budget: no discount
    summary = world.summary()
    assert [line.discount_percent for line in summary.lines] == [D("5"), D("25"), D("0")]
    assert [line.line_total for line in summary.lines] == [D("38.00"), D("30.00"), D("20.00")]
    [status] = summary.budgets
    assert (status.code, status.remaining, status.in_cart, status.after, status.exceeded) == (
        "LIB", D("100.00"), D("68.00"), D("32.00"), False,
    )  # fmt: skip
    assert summary.problems == []


def test_budget_exceeded_is_a_problem(world):
    book = world.article("30.00")
    world.budget("LIB", remaining="50.00")
    world.add(book, 2, budget_code="LIB")
    summary = world.summary()
    assert summary.budgets[0].exceeded
    assert summary.budgets[0].after == D("-10.00")
    assert summary.problems == ["Budget LIB has €50.00 left, and this cart charges €60.00 to it."]


def test_budget_removed_since_the_line_was_added_is_a_problem(world):
    book = world.article()
    budget = world.budget("GONE")
    world.add(book, 1, budget_code="GONE")
    world.session.delete(budget)
    world.session.flush()
    summary = world.summary()
    assert summary.problems == ["The budget code GONE is not one of your current budgets."]
    assert summary.lines[0].discount_percent == D("0")


def test_problems_list_quantities_invisible_articles_and_the_minimum_order(world):
    book = world.article("5.00", name="Atlas", order_multiple=1)
    gone = world.article("5.00", name="Old map")
    world.session.add(ShippingRule(name="Default", fee=D("0"), minimum_order=D("100")))
    world.session.flush()
    world.add(book, 2)
    world.add(gone, 1)
    book.order_multiple = 4  # the rule changed after the line was added
    gone.status = "hidden"
    world.session.flush()
    summary = world.summary()
    assert summary.problems == [
        "Atlas: Order in multiples of 4 units.",
        "Old map is no longer available to you.",
        "The minimum order amount is €100.00 before VAT: add €85.00 to place this order.",
    ]
    assert summary.minimum_missing == D("85.00")
    assert summary.lines[0].problems == ["Atlas: Order in multiples of 4 units."]
    assert not summary.may_order


def test_an_empty_cart_cannot_be_ordered(world):
    summary = world.summary()
    assert summary.lines == []
    assert summary.goods_total == summary.gross_total == D("0")
    assert summary.problems == ["Your cart is empty."]


def test_pack_customer_orders_packs_priced_and_weighed_in_units(world):
    book = world.article("2.00", pack_size=10, weight=D("0.250"))
    world.customer.order_unit = "pack"
    world.session.flush()
    world.add(book, 3)
    summary = world.summary()
    [line] = summary.lines
    assert (line.line.quantity, line.units, line.line_total) == (3, 30, D("60.00"))
    assert summary.weight == D("7.500")


def test_prices_hidden_from_a_contact_who_may_not_see_them(world):
    world.add(world.article())
    assert not world.summary().prices_hidden
    world.contact.may_see_prices = False
    world.session.flush()
    assert world.summary().prices_hidden


def test_article_names_follow_the_shoppers_language(world):
    book = world.article(name="Notebook")
    book.translations["fr"] = ArticleTranslation(language="fr", name="Cahier")
    world.session.flush()
    world.add(book, 1)
    book.status = "hidden"
    world.session.flush()
    summary = world.summary(language="fr")
    assert summary.problems == ["Cahier is no longer available to you."]


def test_summary_queries_do_not_grow_with_the_number_of_lines(world):
    world.budget("LIB", remaining="100000")
    world.session.add(OrderDiscount(name="Order tier", min_total=D("1"), percentage=D("2")))
    world.session.add(ShippingRule(name="Default", fee=D("5.00"), franco_threshold=D("1000")))
    articles = [world.article(f"{n}.00") for n in range(1, 21)]

    def queries(count):
        world.session.query(CartLine).delete()
        for n, article in enumerate(articles[:count]):
            world.add(article, 2, budget_code="LIB" if n % 2 else None)
        world.session.expire_all()
        shopper = world.shopper()
        with statements_run(world.session) as statements:
            summary = summarise_cart(
                world.session, shopper, cart_lines(world.session, shopper), world.contact
            )
        assert len(summary.lines) == count
        return statements

    few, many = queries(2), queries(20)
    assert len(many) == len(few), "\n".join(many)
    assert len(many) <= 16, "\n".join(many)


def test_a_split_longer_than_the_order_keeps_is_refused(world):
    book = world.article(personalisation_allowed=True)
    with pytest.raises(OrderingRefusal) as refusal:
        world.add(book, line_reference="x" * 61)
    assert refusal.value.messages == ["Write the line reference in at most 60 characters."]
    with pytest.raises(OrderingRefusal):
        world.add(book, personalisation="x" * 501)
    assert world.add(book, line_reference="x" * 60).line_reference == "x" * 60
