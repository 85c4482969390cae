"""The catalogue import ("create a catalogue by importing an xls file"): one row per article,
saying in which catalogue and family it is shown. Catalogues and families missing are created
(a catalogue needs its name then); the articles must exist already (the articles import creates
them) and each is put in its family. An article belongs to one family, so to one catalogue: a
SKU twice in the file is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.imports.articles import PATH_SEPARATOR, ArticlesKind, ArticleState, split_path
from app.domain.imports.bulk import update_by_id
from app.domain.imports.columns import Column, normalised, text
from app.domain.imports.kinds import Counts, ImportKind, Row, register
from app.generated.models import Article, Catalogue, Family

CATALOGUE_COLUMNS = (
    Column("catalogue", _l("Catalogue"), text(40), required=True, example="SCHOOL-2026"),
    Column("catalogue_name", _l("Catalogue name"), text(120), example="Schools 2026"),
    Column("family", _l("Family"), text(), required=True, example="Books > Children"),
    Column("sku", _l("SKU"), text(64), required=True, example="BK-0001"),
)


@dataclass
class CatalogueState:
    families: ArticleState
    articles: dict[str, tuple[int, int | None]]  # sku -> (id, family id)
    new_catalogues: dict[str, str]  # normalised code -> the code as first written


class CataloguesKind(ImportKind):
    name = "catalogues"
    label = _l("Catalogues with their families and articles")
    columns = CATALOGUE_COLUMNS
    key = ("sku",)
    permissions = (
        ("can_add", "CatalogueView"),
        ("can_add", "FamilyView"),
        ("can_edit", "ArticleView"),
    )
    export_permissions = (("can_export", "ArticleView"),)

    def prepare(self, connection: sa.Connection) -> CatalogueState:
        article = Article.__table__
        return CatalogueState(
            families=ArticlesKind().prepare(connection),
            articles={
                r.sku: (r.id, r.family_id)
                for r in connection.execute(
                    sa.select(article.c.id, article.c.sku, article.c.family_id)
                )
            },
            new_catalogues={},
        )

    def check_row(self, row: Row, state: CatalogueState):
        problems = []
        if row["sku"] not in state.articles:
            problems.append(("sku", _("Unknown article %(value)s.", value=row["sku"])))
        code = normalised(row["catalogue"])
        if code not in state.families.catalogues and code not in state.new_catalogues:
            if not row.get("catalogue_name"):
                problems.append(("catalogue_name", _("A new catalogue needs a name.")))
            else:
                state.new_catalogues[code] = row["catalogue"]
        if not split_path(row["family"]):
            problems.append(("family", _("Write the family as Books > Children.")))
        elif any(len(name) > 120 for name in split_path(row["family"])):
            problems.append(("family", _("A family's name has at most 120 characters.")))
        return problems

    def apply(
        self, connection: sa.Connection, chunks: Iterator[list[Row]], state: CatalogueState
    ) -> Counts:
        catalogue = Catalogue.__table__
        article = Article.__table__
        families = state.families
        counts = Counts()
        for chunk in chunks:
            for row in chunk:  # catalogues first written in this chunk
                code = normalised(row["catalogue"])
                if code not in families.catalogues:
                    new_id = connection.execute(
                        catalogue.insert()
                        .values(code=row["catalogue"], name=row["catalogue_name"])
                        .returning(catalogue.c.id)
                    ).scalar_one()
                    families.catalogues[code] = new_id
                    families.catalogue_codes[new_id] = row["catalogue"]
            ArticlesKind()._create_families(connection, chunk, families)
            moves = []
            for row in chunk:
                family_id = ArticlesKind()._family_id(row, families)
                article_id, current = state.articles[row["sku"]]
                if current == family_id:
                    counts.unchanged += 1
                else:
                    moves.append({"b_id": article_id, "family_id": family_id})
                    state.articles[row["sku"]] = (article_id, family_id)
            update_by_id(connection, article, moves)
            counts.updated += len(moves)
        return counts

    def export_rows(self, connection: sa.Connection) -> Iterator[Row]:
        catalogue, family, article = Catalogue.__table__, Family.__table__, Article.__table__
        catalogues = {
            r.id: r
            for r in connection.execute(
                sa.select(catalogue.c.id, catalogue.c.code, catalogue.c.name)
            )
        }
        nodes = {
            r.id: r
            for r in connection.execute(
                sa.select(family.c.id, family.c.name, family.c.parent_id, family.c.catalogue_id)
            )
        }
        paths: dict[int, str] = {}

        def path_of(family_id: int) -> str:
            if family_id not in paths:
                parts, node = [], nodes.get(family_id)
                while node is not None:
                    parts.append(node.name)
                    node = nodes.get(node.parent_id)
                paths[family_id] = f" {PATH_SEPARATOR} ".join(reversed(parts))
            return paths[family_id]

        def catalogue_of(family_id: int):
            node = nodes.get(family_id)
            while node is not None and node.catalogue_id is None and node.parent_id:
                node = nodes.get(node.parent_id)
            return catalogues.get(node.catalogue_id) if node is not None else None

        for r in connection.execute(
            sa.select(article.c.sku, article.c.family_id)
            .where(article.c.family_id.is_not(None))
            .order_by(article.c.family_id, article.c.sku)
            .execution_options(yield_per=2000)
        ):
            owner = catalogue_of(r.family_id)
            if owner is None:
                continue  # a family outside any catalogue: not a catalogue's article
            yield {
                "catalogue": owner.code,
                "catalogue_name": owner.name,
                "family": path_of(r.family_id),
                "sku": r.sku,
            }


register(CataloguesKind())
