"""Visibility rules (app/domain/visibility.py), read as the seller's manual, on SQLite and
PostgreSQL.

Every visibility test checks both ways the rule is written: the catalogue page (the customer's
facts passed as id lists) and the SQL condition (`visible_article_ids`), so they cannot drift.
"""

from __future__ import annotations

import datetime
import gc
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain import catalogue_listing, search, visibility
from app.domain.search import barcode_forms
from app.domain.shopper import shopper_for
from app.domain.translations import translated
from app.domain.visibility import (
    CataloguePage,
    article_for,
    catalogue_families,
    catalogue_page,
    is_pre_order,
    purchase_problem,
    purchase_problems,
    selection_page,
    visible_article_condition,
    visible_article_ids,
    visible_catalogues,
    visible_selections,
)
from app.generated.models import (
    Article,
    ArticlePhoto,
    ArticleTag,
    ArticleTranslation,
    Brand,
    Catalogue,
    Customer,
    CustomerGroup,
    Exclusion,
    Family,
    ProductType,
    Season,
    Selection,
)
from tests.shop import statements_run

TODAY = datetime.date(2026, 3, 15)


class World:
    """Two groups (libraries, schools), a public catalogue and one catalogue per group, a
    family tree in the public catalogue, and customers in each group and in none."""

    def __init__(self, session):
        self.session = session
        self.libraries = CustomerGroup(name="Libraries")
        self.schools = CustomerGroup(name="Schools")
        self.public = Catalogue(code="GEN", name="General", is_public=True, position=2)
        self.for_libraries = Catalogue(
            code="LIB", name="For libraries", position=1, groups=[self.libraries]
        )
        self.for_schools = Catalogue(code="SCH", name="For schools", groups=[self.schools])
        self.books = Family(code="BOOKS", name="Books", catalogue=self.public, position=1)
        # Sub-families have no catalogue of their own: they are in their parent's.
        self.novels = Family(code="NOVELS", name="Novels", parent=self.books)
        self.crime = Family(code="CRIME", name="Crime novels", parent=self.novels)
        self.pens = Family(code="PENS", name="Pens", catalogue=self.public, position=2)
        self.library_supplies = Family(code="LSUP", name="Library supplies")
        self.library_supplies.catalogue = self.for_libraries
        self.school_supplies = Family(code="SSUP", name="School supplies")
        self.school_supplies.catalogue = self.for_schools
        self.customer = Customer(code="C1", name="Lyon library", group=self.libraries)
        self.colleague = Customer(code="C2", name="Paris library", group=self.libraries)
        self.school = Customer(code="C3", name="Nantes school", group=self.schools)
        self.loner = Customer(code="C4", name="A bookshop")
        session.add_all(
            [
                self.public,
                self.for_libraries,
                self.for_schools,
                self.books,
                self.novels,
                self.crime,
                self.pens,
                self.library_supplies,
                self.school_supplies,
                self.customer,
                self.colleague,
                self.school,
                self.loner,
            ]
        )
        session.flush()

    def article(self, sku, *, family=None, status="active", name=None, **fields):
        article = Article(
            sku=sku,
            name=name or f"Article {sku}",
            status=status,
            base_price=Decimal("10"),
            family=family if family is not None else self.books,
            **fields,
        )
        self.session.add(article)
        self.session.flush()
        return article

    def shopper(self, customer=None, **fields):
        return shopper_for(self.session, customer or self.customer, today=TODAY, **fields)

    def exclude(self, **fields):
        self.session.add(Exclusion(**fields))
        self.session.flush()


@pytest.fixture
def world(session):
    return World(session)


def listed(session, shopper, **arguments) -> set[str]:
    """The SKUs the catalogue lists for `shopper`, after checking that the SQL condition sees
    exactly the same main articles."""
    page = catalogue_page(session, shopper, per_page=500, **arguments)
    skus = {a.sku for a in page.articles}
    assert page.total == len(skus)
    if not arguments:
        main_articles = session.scalars(sa.select(Article).where(Article.parent_id.is_(None)))
        by_id = {a.id: a.sku for a in main_articles}
        by_condition = visible_article_ids(session, shopper, by_id)
        assert {by_id[i] for i in by_condition} == skus
    return skus


# --- catalogues -------------------------------------------------------------------------------


def test_public_catalogue_is_visible_to_every_customer(world, session):
    world.article("BOOK1")
    for customer in (world.customer, world.school, world.loner):
        assert listed(session, world.shopper(customer)) == {"BOOK1"}


def test_group_catalogue_is_visible_only_to_its_group(world, session):
    world.article("LIB1", family=world.library_supplies)
    world.article("SCH1", family=world.school_supplies)
    assert listed(session, world.shopper()) == {"LIB1"}
    assert listed(session, world.shopper(world.school)) == {"SCH1"}
    assert listed(session, world.shopper(world.loner)) == set()


def test_article_without_family_is_not_shown(world, session):
    session.add(Article(sku="LOOSE", name="Loose", status="active", base_price=Decimal("1")))
    session.flush()
    assert listed(session, world.shopper()) == set()


def test_visible_catalogues_are_public_or_the_groups_by_position(world, session):
    assert [c.code for c in visible_catalogues(session, world.shopper())] == ["LIB", "GEN"]
    assert [c.code for c in visible_catalogues(session, world.shopper(world.loner))] == ["GEN"]


def test_catalogue_families_come_in_tree_order_with_their_depth(world, session):
    families = catalogue_families(session, world.shopper(), world.public.id)
    assert [(f.code, f.depth) for f in families] == [
        ("BOOKS", 0),
        ("NOVELS", 1),
        ("CRIME", 2),
        ("PENS", 0),
    ]
    assert catalogue_families(session, world.shopper(world.loner), world.for_libraries.id) == []


def test_catalogue_families_leave_out_an_excluded_family_and_its_sub_families(world, session):
    world.exclude(customer=world.customer, family=world.novels)
    families = catalogue_families(session, world.shopper(), world.public.id)
    assert [f.code for f in families] == ["BOOKS", "PENS"]


def test_catalogue_filter_lists_only_that_catalogues_articles(world, session):
    world.article("BOOK1")
    world.article("LIB1", family=world.library_supplies)
    assert listed(session, world.shopper(), catalogue_id=world.for_libraries.id) == {"LIB1"}
    assert listed(session, world.shopper(), catalogue_id=world.public.id) == {"BOOK1"}
    assert listed(session, world.shopper(world.loner), catalogue_id=world.for_libraries.id) == set()


def test_family_filter_includes_its_sub_families(world, session):
    world.article("BOOK1")
    world.article("NOVEL1", family=world.novels)
    world.article("CRIME1", family=world.crime)
    world.article("PEN1", family=world.pens)
    assert listed(session, world.shopper(), family_id=world.books.id) == {
        "BOOK1",
        "NOVEL1",
        "CRIME1",
    }
    assert listed(session, world.shopper(), family_id=world.novels.id) == {"NOVEL1", "CRIME1"}


def test_sub_family_is_in_its_parents_catalogue(world, session):
    world.article("CRIME1", family=world.crime)
    assert listed(session, world.shopper(world.loner)) == {"CRIME1"}
    world.books.catalogue = world.for_schools
    session.flush()
    assert listed(session, world.shopper(world.loner)) == set()
    assert listed(session, world.shopper(world.school)) == {"CRIME1"}


# --- exclusions -------------------------------------------------------------------------------


def test_article_excluded_for_a_customer_is_hidden_from_that_customer_only(world, session):
    book = world.article("BOOK1")
    world.article("BOOK2")
    world.exclude(customer=world.customer, article=book)
    assert listed(session, world.shopper()) == {"BOOK2"}
    assert listed(session, world.shopper(world.colleague)) == {"BOOK1", "BOOK2"}


def test_article_excluded_for_a_group_is_hidden_from_the_whole_group(world, session):
    book = world.article("BOOK1")
    world.exclude(group=world.libraries, article=book)
    assert listed(session, world.shopper()) == set()
    assert listed(session, world.shopper(world.colleague)) == set()
    assert listed(session, world.shopper(world.school)) == {"BOOK1"}
    assert listed(session, world.shopper(world.loner)) == {"BOOK1"}


def test_family_excluded_for_a_customer_hides_it_and_its_sub_families(world, session):
    world.article("BOOK1")
    world.article("NOVEL1", family=world.novels)
    world.article("CRIME1", family=world.crime)
    world.exclude(customer=world.customer, family=world.novels)
    assert listed(session, world.shopper()) == {"BOOK1"}
    assert listed(session, world.shopper(world.colleague)) == {"BOOK1", "NOVEL1", "CRIME1"}


def test_family_excluded_for_a_group_hides_it_from_the_whole_group(world, session):
    world.article("PEN1", family=world.pens)
    world.article("BOOK1")
    world.exclude(group=world.libraries, family=world.pens)
    assert listed(session, world.shopper()) == {"BOOK1"}
    assert listed(session, world.shopper(world.colleague)) == {"BOOK1"}
    assert listed(session, world.shopper(world.school)) == {"BOOK1", "PEN1"}


def test_customer_without_group_is_not_caught_by_group_exclusions(world, session):
    book = world.article("BOOK1")
    world.exclude(group=world.schools, article=book)
    assert listed(session, world.shopper(world.loner)) == {"BOOK1"}


# --- visible tags, seasons, brands ---------------------------------------------------------


def test_visible_tags_restrict_only_customers_who_have_some(world, session):
    organic, new = ArticleTag(code="ORG", name="Organic"), ArticleTag(code="NEW", name="New")
    world.article("BOOK1", tags=[organic])
    world.article("BOOK2", tags=[new, organic])
    world.article("BOOK3", tags=[new])
    world.article("BOOK4")
    world.customer.visible_tags = [organic]
    session.flush()
    assert listed(session, world.shopper()) == {"BOOK1", "BOOK2"}
    assert listed(session, world.shopper(world.colleague)) == {"BOOK1", "BOOK2", "BOOK3", "BOOK4"}


def test_visible_seasons_restrict_only_customers_who_have_some(world, session):
    spring = Season(code="SS26", name="Spring 2026")
    winter = Season(code="AW26", name="Winter 2026")
    world.article("BOOK1", season=spring)
    world.article("BOOK2", season=winter)
    world.article("BOOK3")
    world.customer.visible_seasons = [spring]
    session.flush()
    assert listed(session, world.shopper()) == {"BOOK1"}
    assert listed(session, world.shopper(world.colleague)) == {"BOOK1", "BOOK2", "BOOK3"}


def test_visible_brands_restrict_only_customers_who_have_some(world, session):
    acme, other = Brand(name="Acme"), Brand(name="Other")
    world.article("BOOK1", brand=acme)
    world.article("BOOK2", brand=other)
    world.customer.visible_brands = [acme, other]
    world.colleague.visible_brands = [other]
    session.flush()
    assert listed(session, world.shopper()) == {"BOOK1", "BOOK2"}
    assert listed(session, world.shopper(world.colleague)) == {"BOOK2"}
    assert listed(session, world.shopper(world.school)) == {"BOOK1", "BOOK2"}


# --- status and variants ----------------------------------------------------------------------


def test_draft_hidden_and_discontinued_articles_are_not_shown(world, session):
    world.article("ACTIVE")
    for status in ("draft", "hidden", "discontinued"):
        world.article(status.upper(), status=status)
    assert listed(session, world.shopper()) == {"ACTIVE"}
    hidden = session.scalar(sa.select(Article).where(Article.sku == "HIDDEN"))
    assert article_for(session, world.shopper(), hidden.id) is None


def test_variant_is_visible_through_its_parent_but_not_listed_on_its_own(world, session):
    parent = world.article("SHIRT")
    variant = world.article("SHIRT-L", family=None, parent=parent, variant_label="L")
    # A variant without a family of its own is in its parent's.
    variant.family = None
    session.flush()
    assert listed(session, world.shopper()) == {"SHIRT"}
    assert visible_article_ids(session, world.shopper(), [parent.id, variant.id]) == {
        parent.id,
        variant.id,
    }
    assert article_for(session, world.shopper(), variant.id) is variant


def test_variant_of_an_invisible_parent_is_not_visible(world, session):
    parent = world.article("SHIRT", status="hidden")
    variant = world.article("SHIRT-L", parent=parent)
    assert visible_article_ids(session, world.shopper(), [variant.id]) == set()
    parent.status = "active"
    world.exclude(customer=world.customer, article=parent)
    assert visible_article_ids(session, world.shopper(), [variant.id]) == set()
    assert visible_article_ids(session, world.shopper(world.colleague), [variant.id]) == {
        variant.id
    }


def test_excluded_or_inactive_variant_is_not_visible(world, session):
    parent = world.article("SHIRT")
    small = world.article("SHIRT-S", parent=parent, status="draft")
    large = world.article("SHIRT-L", parent=parent)
    world.exclude(customer=world.customer, article=large)
    assert visible_article_ids(session, world.shopper(), [small.id, large.id]) == set()


def test_article_for_finds_a_visible_article_by_id_or_slug(world, session):
    book = world.article("BOOK1", slug="blue-notebook")
    school_thing = world.article("SCH1", family=world.school_supplies, slug="school-thing")
    assert article_for(session, world.shopper(), "blue-notebook") is book
    assert article_for(session, world.shopper(), book.id) is book
    assert article_for(session, world.shopper(), "school-thing") is None
    assert article_for(session, world.shopper(), school_thing.id) is None
    assert article_for(session, world.shopper(), 999_999) is None


def test_visible_article_ids_is_one_query(world, session):
    ids = [world.article(f"BOOK{i}").id for i in range(30)]
    shopper = world.shopper()
    with statements_run(session) as seen:
        assert visible_article_ids(session, shopper, ids) == set(ids)
    assert len(seen) == 1
    with statements_run(session) as seen:
        assert visible_article_ids(session, shopper, []) == set()
    assert seen == []


def test_visible_article_ids_writes_the_active_status_into_its_sql(world, session):
    # A prepared statement's generic plan does not know a bound status: on PostgreSQL it
    # intersected the status index with the cart's ids, walking nearly every article.
    ids, shopper = [world.article("BOOK1").id], world.shopper()
    with statements_run(session) as seen:
        assert visible_article_ids(session, shopper, ids) == set(ids)
    assert "status = 'active'" in seen[0]


def test_visible_article_condition_fits_any_query_on_articles(world, session):
    world.article("BOOK1")
    world.article("SCH1", family=world.school_supplies)
    skus = session.scalars(
        sa.select(Article.sku).where(visible_article_condition(world.shopper(world.school)))
    ).all()
    assert sorted(skus) == ["BOOK1", "SCH1"]


# --- search ---------------------------------------------------------------------------------------


def test_search_finds_the_name_in_the_shoppers_language_or_the_default_one(world, session):
    notebook = world.article("N1", name="Blue notebook")
    notebook.translations["fr"] = ArticleTranslation(language="fr", name="Cahier bleu")
    world.article("P1", name="Red pen")
    session.flush()
    french = world.shopper(language="fr")
    assert listed(session, french, search="cahier") == {"N1"}
    assert listed(session, french, search="NOTEBOOK") == {"N1"}
    assert listed(session, world.shopper(language="en"), search="cahier") == set()


def test_search_is_a_case_insensitive_part_of_the_name(world, session):
    world.article("N1", name="Blue Notebook A5")
    world.article("N2", name="Red pen")
    assert listed(session, world.shopper(), search="  noteBOOK ") == {"N1"}
    assert listed(session, world.shopper(), search="100%") == set()


def test_search_finds_the_start_of_a_sku(world, session):
    world.article("ABC-123", name="Pencil")
    world.article("XABC-9", name="Pen")
    assert listed(session, world.shopper(), search="abc-1") == {"ABC-123"}
    assert listed(session, world.shopper(), search="C-1") == set()


def test_search_finds_a_whole_ean(world, session):
    world.article("E1", ean="4006381333931")
    world.article("E2", ean="4006381333948")
    assert listed(session, world.shopper(), search="4006381333931") == {"E1"}
    assert listed(session, world.shopper(), search="400638133393") == set()


def test_search_texts_kept_in_memory_are_out_of_the_garbage_collectors_sight(world, session):
    """A process keeps every name, SKU and EAN of the catalogue: if the collector tracked them,
    each full collection would walk them all again, stalling whichever request set it off."""
    notebook = world.article("N1", name="Blue notebook", ean="4006381333931")
    notebook.translations["fr"] = ArticleTranslation(language="fr", name="Cahier bleu")
    session.flush()
    kept = catalogue_listing.current(session).search
    assert kept.matching(session, "cahier", "fr") == [notebook.id]
    # A tuple of tuples drops out one collection after the tuples it holds.
    gc.collect()
    gc.collect()
    french = kept._translated["fr"]
    default = kept._default
    texts = (default.names.texts, default.words.texts, french.names.texts, french.words.texts)
    for held in (kept._skus, kept._eans, *texts):
        assert held and not gc.is_tracked(held)


def test_search_finds_an_isbn_written_with_hyphens_or_in_its_old_form(world, session):
    world.article("B1", ean="9782070368228")
    assert listed(session, world.shopper(), search="978-2-07-036822-8") == {"B1"}
    assert listed(session, world.shopper(), search="2-07-036822-X") == {"B1"}


def test_search_of_one_or_two_letters_still_finds_them_in_the_name(world, session):
    world.article("P1", name="Red pen")
    world.article("N1", name="Notebook")
    assert listed(session, world.shopper(), search="pe") == {"P1"}
    assert listed(session, world.shopper(), search="k") == {"N1"}


def test_search_follows_a_renamed_article_and_forgets_a_removed_one(world, session):
    renamed = world.article("R1", name="Blue notebook")
    removed = world.article("R2", name="Blue folder")
    session.flush()
    renamed.name = "Green binder"
    session.delete(removed)
    session.flush()
    assert listed(session, world.shopper(), search="notebook") == set()
    assert listed(session, world.shopper(), search="binder") == {"R1"}
    assert listed(session, world.shopper(), search="folder") == set()


def test_search_takes_quotes_and_search_syntax_as_plain_text(world, session):
    world.article("Q1", name='The "Blue" notebook')
    world.article("Q2", name="notebook OR pen")
    assert listed(session, world.shopper(), search='"Blue" note') == {"Q1"}
    assert listed(session, world.shopper(), search="OR pen") == {"Q2"}
    assert listed(session, world.shopper(), search="name : pen*") == set()


def test_the_search_indexes_are_in_the_database(session):
    """Built by the migrations: without them the search still works, reading every row."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        assert search._has_fts_tables(session)
    else:
        indexes = session.scalars(
            sa.text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_trigram'")
        ).all()
        assert sorted(indexes) == [
            "ix_article_name_trigram",
            "ix_article_sku_trigram",
            "ix_article_translation_name_trigram",
        ]


def test_barcode_forms_of_an_isbn():
    assert barcode_forms("2 07 036822 x") == ["207036822X", "9782070368228"]
    assert barcode_forms("978-2-07-036822-8") == ["207036822X", "9782070368228"]
    assert barcode_forms("notebook") == []


def test_search_sees_only_visible_articles(world, session):
    world.article("SCH1", name="Blue notebook", family=world.school_supplies)
    assert listed(session, world.shopper(), search="notebook") == set()


# --- sorting and paging -----------------------------------------------------------------------


def skus_in_order(session, shopper, **arguments) -> list[str]:
    return [a.sku for a in catalogue_page(session, shopper, **arguments).articles]


def test_sort_by_name_either_way_and_by_sku(world, session):
    world.article("S2", name="Banana")
    world.article("S3", name="Apple")
    world.article("S1", name="Cherry")
    assert skus_in_order(session, world.shopper()) == ["S3", "S2", "S1"]
    assert skus_in_order(session, world.shopper(), sort="-name") == ["S1", "S2", "S3"]
    assert skus_in_order(session, world.shopper(), sort="sku") == ["S1", "S2", "S3"]
    assert skus_in_order(session, world.shopper(), sort="nonsense") == ["S3", "S2", "S1"]


def test_sort_by_name_uses_the_name_in_the_shoppers_language(world, session):
    apple = world.article("S1", name="Apple")
    world.article("S2", name="Banana")
    cherry = world.article("S3", name="Cherry")
    apple.translations["fr"] = ArticleTranslation(language="fr", name="Pomme")
    cherry.translations["fr"] = ArticleTranslation(language="fr", name="Cerise")
    session.flush()
    french = world.shopper(language="fr")
    # Banana has no French name: it sorts by its default one, among the French names.
    assert skus_in_order(session, french) == ["S2", "S3", "S1"]
    assert skus_in_order(session, french, sort="-name") == ["S1", "S3", "S2"]
    assert skus_in_order(session, french, per_page=1, page=2) == ["S3"]
    assert skus_in_order(session, french, sort="-name", per_page=2, page=2) == ["S2"]
    # A search sorts its matches the same way (Apple matches by its default name).
    assert skus_in_order(session, french, search="a") == ["S2", "S1"]


@pytest.mark.parametrize("walked_once", [True, False], ids=["shallow pages", "deep pages"])
def test_every_page_of_a_translated_name_sort_follows_the_whole_sorted_list(
    world, session, monkeypatch, walked_once
):
    """The catalogue sorts on its listing in memory, a selection in SQL (whose deep pages take
    another way): both give the same order."""
    names = {
        "T01": ("Anchor", "Ancre"),
        "T02": ("Bottle", None),
        "T03": ("Candle", "Bougie"),
        "T04": ("Drum", None),
        "T05": ("Easel", "Chevalet"),
        "T06": ("Fan", None),
        "T07": ("Globe", "Globe"),
        "T08": ("Hammer", "Marteau"),
        "T09": ("Ink", None),
        "T10": ("Jar", "Bocal"),
        "T11": ("Kite", "Cerf-volant"),
        "T12": ("Lamp", None),
    }
    articles = []
    for sku, (name, french) in names.items():
        article = world.article(sku, name=name)
        if french:
            article.translations["fr"] = ArticleTranslation(language="fr", name=french)
        articles.append(article)
    everything = Selection(name="Everything", articles=articles)
    session.add(everything)
    session.flush()
    if not walked_once:
        monkeypatch.setattr(visibility, "MAX_WALKED_ONCE", 0)
    french = world.shopper(language="fr")
    shown = sorted(names, key=lambda sku: (names[sku][1] or names[sku][0], sku))
    for sort, expected in (("name", shown), ("-name", shown[::-1])):
        for per_page in (1, 3, 5, 12):
            pages = range(1, len(names) // per_page + 2)
            listed = [
                sku
                for page in pages
                for sku in skus_in_order(session, french, sort=sort, page=page, per_page=per_page)
            ]
            assert listed == expected, (sort, per_page)
            selected = [
                article.sku
                for page in pages
                for article in selection_page(
                    session, french, everything.id, sort=sort, page=page, per_page=per_page
                ).articles
            ]
            assert selected == expected, ("selection", sort, per_page)


def test_sort_newest_first_puts_undated_articles_last(world, session):
    world.article("OLD", publication_date=datetime.date(2020, 1, 1))
    world.article("UNDATED")
    world.article("NEW", publication_date=datetime.date(2026, 1, 1))
    world.article("NEW-TOO", publication_date=datetime.date(2026, 1, 1))
    assert skus_in_order(session, world.shopper(), sort="newest") == [
        "NEW-TOO",
        "NEW",
        "OLD",
        "UNDATED",
    ]
    assert skus_in_order(session, world.shopper(), sort="newest", search="new") == [
        "NEW-TOO",
        "NEW",
    ]


def test_pages_slice_the_sorted_list_and_give_the_total(world, session):
    for i in range(7):
        world.article(f"S{i}", name=f"Name {i}")
    shopper = world.shopper()
    pages = [catalogue_page(session, shopper, page=n, per_page=3) for n in (1, 2, 3, 4)]
    assert [[a.sku for a in p.articles] for p in pages] == [
        ["S0", "S1", "S2"],
        ["S3", "S4", "S5"],
        ["S6"],
        [],
    ]
    assert {p.total for p in pages} == {7}
    assert pages[0].pages == 3
    searched = catalogue_page(session, shopper, search="name", page=3, per_page=3)
    assert (searched.total, [a.sku for a in searched.articles]) == (7, ["S6"])
    past_the_end = catalogue_page(session, shopper, search="name", page=9, per_page=3)
    assert (past_the_end.total, past_the_end.articles) == (7, [])
    assert catalogue_page(session, shopper, page=0, per_page=0) == CataloguePage(
        articles=catalogue_page(session, shopper, page=1, per_page=1).articles,
        total=7,
        page=1,
        per_page=1,
    )


def test_catalogue_page_runs_as_many_statements_for_a_bigger_page(world, session):
    acme = Brand(name="Acme")
    for i in range(40):
        article = world.article(f"S{i:02}", brand=acme)
        article.translations["fr"] = ArticleTranslation(language="fr", name=f"Nom {i}")
        article.photos.append(ArticlePhoto(image=f"s{i}.jpg"))
    world.books.name_fr = "Livres"
    session.flush()
    shopper = world.shopper(language="fr")

    def statements_for(per_page: int) -> int:
        session.expire_all()
        # A page of its own: what one transaction read and kept (the facts) is not reused.
        with session.begin_nested(), statements_run(session) as seen:
            page = catalogue_page(session, shopper, per_page=per_page)
            # What a card shows (portal/catalogue.html), with no further query.
            shown = [
                (
                    translated(card, "name", "fr"),
                    card.sku,
                    card.ean,
                    card.brand_name,
                    card.photo,
                )
                for card in page.articles
            ]
        assert len(shown) == per_page
        return len(seen)

    assert statements_for(5) == statements_for(40)
    assert statements_for(40) <= 7


# --- ordering -----------------------------------------------------------------------------------


def test_everything_visible_may_be_ordered_by_default(world, session):
    book = world.article("BOOK1")
    assert purchase_problem(world.shopper(), book, session=session) is None


def test_customer_limited_to_product_types_may_order_only_those(world, session):
    books, games = ProductType(code="BOOK", name="Book"), ProductType(code="GAME", name="Game")
    book = world.article("BOOK1", product_type=books)
    game = world.article("GAME1", product_type=games)
    untyped = world.article("THING")
    world.customer.purchasable = "product_types"
    world.customer.purchasable_product_types = [books]
    session.flush()
    shopper = world.shopper()
    assert purchase_problem(shopper, book, session=session) is None
    assert purchase_problem(shopper, game, session=session) == (
        "Your account may not order this kind of product (Game)."
    )
    assert purchase_problem(shopper, untyped, session=session) == (
        "Your account may order some kinds of product only, not this article."
    )


def test_customer_limited_to_articles_may_order_only_those_and_their_variants(world, session):
    book = world.article("BOOK1")
    variant = world.article("BOOK1-HC", parent=book)
    other = world.article("BOOK2")
    world.customer.purchasable = "articles"
    world.customer.purchasable_articles = [book]
    session.flush()
    problems = purchase_problems(session, world.shopper(), [book, variant, other])
    assert problems == {
        book.id: None,
        variant.id: None,
        other.id: "This article is not among the articles your account may order.",
    }


def test_discontinued_article_can_no_longer_be_ordered(world, session):
    book = world.article("BOOK1", status="discontinued")
    assert purchase_problem(world.shopper(), book, session=session) == (
        "This article is discontinued and can no longer be ordered."
    )


def test_purchase_problems_of_many_articles_is_one_query(world, session):
    articles = [world.article(f"BOOK{i}") for i in range(20)]
    shopper = world.shopper()
    with statements_run(session) as seen:
        problems = purchase_problems(session, shopper, articles)
    assert len(seen) == 1
    assert set(problems.values()) == {None}


def test_article_available_later_is_a_pre_order(world, session):
    later = world.article("LATER", available_from=TODAY + datetime.timedelta(days=1))
    today = world.article("TODAY", available_from=TODAY)
    always = world.article("ALWAYS")
    assert is_pre_order(later, TODAY)
    assert not is_pre_order(today, TODAY)
    assert not is_pre_order(always, TODAY)
    # A pre-order is shown and may be ordered.
    assert "LATER" in listed(session, world.shopper())
    assert purchase_problem(world.shopper(), later, session=session) is None


# --- selections -----------------------------------------------------------------------------------


def test_selections_are_visible_when_active_within_dates_and_for_the_group(world, session):
    day = datetime.timedelta(days=1)
    session.add_all(
        [
            Selection(name="Everyone"),
            Selection(name="Libraries", groups=[world.libraries]),
            Selection(name="Schools", groups=[world.schools]),
            Selection(name="Inactive", is_active=False),
            Selection(name="Ended", valid_to=TODAY - day),
            Selection(name="Not yet", valid_from=TODAY + day),
            Selection(name="Last day", valid_from=TODAY - day, valid_to=TODAY),
        ]
    )
    session.flush()

    def names(customer):
        return sorted(s.name for s in visible_selections(session, world.shopper(customer)))

    assert names(world.customer) == ["Everyone", "Last day", "Libraries"]
    assert names(world.school) == ["Everyone", "Last day", "Schools"]
    assert names(world.loner) == ["Everyone", "Last day"]


def test_selection_page_lists_only_visible_articles_of_a_visible_selection(world, session):
    book = world.article("BOOK1", name="B")
    school_thing = world.article("SCH1", family=world.school_supplies)
    excluded = world.article("BOOK2")
    variant = world.article("BOOK1-HC", parent=book, name="A hardcover")
    world.article("BOOK3")
    world.exclude(customer=world.customer, article=excluded)
    selection = Selection(name="New", articles=[book, school_thing, excluded, variant])
    theirs = Selection(name="Theirs", groups=[world.schools], articles=[book])
    session.add_all([selection, theirs])
    session.flush()
    page = selection_page(session, world.shopper(), selection.id)
    assert [a.sku for a in page.articles] == ["BOOK1-HC", "BOOK1"]
    assert page.total == 2
    assert selection_page(session, world.shopper(), selection.id, search="hard").total == 1
    assert selection_page(session, world.shopper(), theirs.id).total == 0
