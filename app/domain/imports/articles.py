"""The articles import: create or update articles by SKU, with their names and descriptions in
every language, their family (created from a path such as 'Books > Children > Picture books'
under a catalogue given by its code), brand, season, product type and tags.

Brands, seasons, product types, tags and catalogues must exist (by code or name): a misspelt one
is an error of its row rather than a new record nobody asked for. Families are the exception -
a catalogue's tree is what the seller's spreadsheet describes - and are created as needed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.imports.bulk import insert_rows, replace_links, same_keys, update_by_id
from app.domain.imports.columns import (
    Column,
    boolean,
    choice,
    date,
    decimal_number,
    integer,
    normalised,
    text,
    words,
)
from app.domain.imports.kinds import Counts, ImportKind, Row, register
from app.generated.models import (
    Article,
    ArticleTag,
    Brand,
    Catalogue,
    Family,
    ProductType,
    Season,
)
from app.generated.models._associations import article_tag_articles
from app.generated.models.article import ArticleTranslation
from app.generated.models.family import FamilyTranslation

PATH_SEPARATOR = ">"

ARTICLE_COLUMNS = (
    Column("sku", _l("SKU"), text(64), required=True, example="BK-0001"),
    # Required of a new article only (check_row): a file updating prices needs no names.
    Column("name", _l("Name"), text(200), translatable=True, example="Blue notebook"),
    Column("description", _l("Description"), text(), translatable=True),
    Column("status", _l("Status"), choice(Article.STATUS_CHOICES), example="active"),
    Column(
        "base_price",
        _l("Base price"),
        decimal_number(Decimal(0), Decimal("9999999999"), 4),
        example="12.50",
    ),
    Column("vat_rate", _l("VAT rate"), decimal_number(Decimal(0), Decimal(100), 2), example="21"),
    Column("unit", _l("Unit"), choice(Article.UNIT_CHOICES), example="piece"),
    Column("pack_size", _l("Pack size"), integer(1)),
    Column("order_multiple", _l("Order multiple"), integer(1)),
    Column("minimum_quantity", _l("Minimum quantity"), integer(1)),
    Column("weight", _l("Weight"), decimal_number(Decimal(0), Decimal("9999999"), 3)),
    Column("ean", _l("EAN / ISBN"), text(13)),
    Column("available_from", _l("Available from"), date()),
    Column("publication_date", _l("Publication date"), date()),
    Column("variant_label", _l("Variant"), text(60)),
    Column("published_online", _l("Published online"), boolean()),
    Column("catalogue", _l("Catalogue"), text(40), example="MAIN"),
    # Translatable: 'Family (fr)' is the same path in French, level by level ('Livres > Enfants').
    Column(
        "family",
        _l("Family"),
        text(),
        translatable=True,
        example="Books > Children > Picture books",
    ),
    Column("brand", _l("Brand"), text(100)),
    Column("season", _l("Season"), text(100)),
    Column("product_type", _l("Product type"), text(80)),
    Column("tags", _l("Tags"), words()),
)
# Fields written as they are read (the file's value is the column's).
PLAIN_FIELDS = (
    "name", "description", "status", "base_price", "vat_rate", "unit", "pack_size",
    "order_multiple", "minimum_quantity", "weight", "ean", "available_from",
    "publication_date", "variant_label", "published_online",
)  # fmt: skip
REFERENCE_FIELDS = {"brand": "brand_id", "season": "season_id", "product_type": "product_type_id"}
TRANSLATED = ("name", "description")
# A new article's value for a field the file leaves empty or out (the model's defaults).
DEFAULTS = {
    "status": "draft",
    "base_price": Decimal(0),
    "unit": "piece",
    "vat_rate": Decimal(20),
    "pack_size": 1,
    "order_multiple": 1,
    "minimum_quantity": 1,
    "published_online": False,
}
NOT_NULL = {"status", "base_price", "unit"}


@dataclass
class ArticleState:
    """What the articles import checks against and writes with, read once."""

    catalogues: dict[str, int]
    catalogue_codes: dict[int, str]
    brands: dict[str, int]
    seasons: dict[str, int]
    product_types: dict[str, int]
    tags: dict[str, int]
    # (catalogue id, parent id or None, normalised name) -> family id
    families: dict[tuple, int]
    family_codes: set[str]
    skus: set[str] = field(default_factory=set)
    languages: list[str] = field(default_factory=list)


def _by_code_and_name(connection: sa.Connection, table: sa.Table) -> dict[str, int]:
    found: dict[str, int] = {}
    columns = [table.c.id, table.c.name] + ([table.c.code] if "code" in table.c else [])
    for row in connection.execute(sa.select(*columns)):
        found.setdefault(normalised(row.name), row.id)
        if "code" in table.c:
            found[normalised(row.code)] = row.id  # a code wins over another record's name
    return found


def split_path(path: str) -> list[str]:
    """'Books > Children > Picture books' as its names, blanks dropped."""
    return [part.strip() for part in path.split(PATH_SEPARATOR) if part.strip()]


class ArticlesKind(ImportKind):
    name = "articles"
    label = _l("Articles")
    columns = ARTICLE_COLUMNS
    key = ("sku",)
    permissions = (("can_add", "ArticleView"), ("can_edit", "ArticleView"))
    export_permissions = (("can_export", "ArticleView"),)

    def languages(self) -> list[str]:
        from flask import current_app

        default = current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
        return [lang for lang in current_app.config.get("LANGUAGES", ["en"]) if lang != default]

    def prepare(self, connection: sa.Connection) -> ArticleState:
        catalogue = Catalogue.__table__
        catalogues = {}
        codes = {}
        for row in connection.execute(sa.select(catalogue.c.id, catalogue.c.code)):
            catalogues[normalised(row.code)] = row.id
            codes[row.id] = row.code
        family = Family.__table__
        families = {}
        family_codes = set()
        for row in connection.execute(
            sa.select(
                family.c.id, family.c.catalogue_id, family.c.parent_id, family.c.name, family.c.code
            )
        ):
            families.setdefault((row.catalogue_id, row.parent_id, normalised(row.name)), row.id)
            family_codes.add(row.code)
        return ArticleState(
            catalogues=catalogues,
            catalogue_codes=codes,
            brands=_by_code_and_name(connection, Brand.__table__),
            seasons=_by_code_and_name(connection, Season.__table__),
            product_types=_by_code_and_name(connection, ProductType.__table__),
            tags=_by_code_and_name(connection, ArticleTag.__table__),
            families=families,
            family_codes=family_codes,
            skus=set(connection.scalars(sa.select(Article.__table__.c.sku))),
            languages=self.languages(),
        )

    def check_row(self, row: Row, state: ArticleState):
        problems = []
        if row.get("name") is None:
            if "name" in row:
                problems.append(("name", _("A value is required.")))
            elif row["sku"] not in state.skus:
                problems.append(("name", _("A new article needs a name.")))
        for column, known in (
            ("brand", state.brands),
            ("season", state.seasons),
            ("product_type", state.product_types),
        ):
            value = row.get(column)
            if value is not None and normalised(value) not in known:
                problems.append((column, _unknown(column, value)))
        for tag in row.get("tags") or ():
            if normalised(tag) not in state.tags:
                problems.append(("tags", _("Unknown tag %(value)s.", value=tag)))
        ean = row.get("ean")
        if ean is not None and (len(ean) < 8 or not ean.isdigit()):
            problems.append(("ean", _("An EAN or ISBN has 8 to 13 digits.")))
        catalogue = row.get("catalogue")
        if catalogue is not None and normalised(catalogue) not in state.catalogues:
            problems.append(("catalogue", _("Unknown catalogue %(value)s.", value=catalogue)))
        path = row.get("family")
        if path is not None:
            if catalogue is None:
                problems.append(("family", _("A family needs the catalogue it belongs to.")))
            elif not split_path(path):
                problems.append(("family", _("Write the family as Books > Children.")))
            elif any(len(name) > 120 for name in split_path(path)):
                problems.append(("family", _("A family's name has at most 120 characters.")))
        levels = len(split_path(path)) if path else 0
        for language in state.languages:
            translated = row.get(f"family_{language}")
            if translated is None:
                continue
            names = split_path(translated)
            if len(names) != levels:
                problems.append(
                    (
                        f"family_{language}",
                        _(
                            "Give the family's path in this language with as many levels as "
                            "the family: %(count)s.",
                            count=levels,
                        ),
                    )
                )
            elif any(len(name) > 120 for name in names):
                problems.append(
                    (f"family_{language}", _("A family's name has at most 120 characters."))
                )
        return problems

    # --- applying -------------------------------------------------------------------------------

    def apply(
        self, connection: sa.Connection, chunks: Iterator[list[Row]], state: ArticleState
    ) -> Counts:
        article = Article.__table__
        counts = Counts()
        for chunk in chunks:
            skus = [row["sku"] for row in chunk]
            existing = {
                row.sku: row
                for row in connection.execute(
                    sa.select(*_compared_columns()).where(article.c.sku.in_(skus))
                )
            }
            self._create_families(connection, chunk, state)
            self._write_family_translations(connection, chunk, state)
            inserts, updates, changed_ids = [], [], set()
            for row in chunk:
                values = self._values(row, state)
                current = existing.get(row["sku"])
                if current is None:
                    inserts.append({**_new_defaults(values), "sku": row["sku"]})
                    continue
                difference = {k: v for k, v in values.items() if not _same(getattr(current, k), v)}
                if difference:
                    updates.append({**values, "b_id": current.id})
                    changed_ids.add(current.id)
            ids = {sku: row.id for sku, row in existing.items()}
            if inserts:
                # COPY on PostgreSQL (an executemany elsewhere: bulk.insert_rows), then the new
                # ids by SKU: INSERT ... RETURNING of many rows makes one statement of thousands
                # of parameters per batch, which psycopg parses anew each time.
                for batch in same_keys(inserts):
                    insert_rows(connection, article, batch)
                new_skus = [row["sku"] for row in inserts]
                found = connection.execute(
                    sa.select(article.c.sku, article.c.id).where(article.c.sku.in_(new_skus))
                )
                ids.update((sku, article_id) for sku, article_id in found)
            update_by_id(connection, article, updates)
            new_ids = {ids[row["sku"]] for row in chunk if row["sku"] not in existing}
            changed_ids |= self._write_translations(connection, chunk, ids, state)
            changed_ids |= self._write_tags(connection, chunk, ids, state)
            counts.created += len(new_ids)
            changed_ids -= new_ids
            counts.updated += len(changed_ids)
            counts.unchanged += len(chunk) - len(new_ids) - len(changed_ids)
        return counts

    def _values(self, row: Row, state: ArticleState) -> dict[str, Any]:
        values = {f: row[f] for f in PLAIN_FIELDS if f in row}
        for column, field_name in REFERENCE_FIELDS.items():
            if column in row:
                known = getattr(state, f"{column}s")
                values[field_name] = known[normalised(row[column])] if row[column] else None
        if "family" in row:
            values["family_id"] = self._family_id(row, state)
        for name in NOT_NULL & values.keys():
            if values[name] is None:
                values[name] = DEFAULTS[name]
        return values

    def _family_id(self, row: Row, state: ArticleState) -> int | None:
        if not row.get("family"):
            return None
        catalogue_id = state.catalogues[normalised(row["catalogue"])]
        parent = None
        for name in split_path(row["family"]):
            parent = state.families[(catalogue_id, parent, normalised(name))]
        return parent

    def _create_families(self, connection, chunk: list[Row], state: ArticleState) -> None:
        """Families named by the chunk's paths and not there yet, created level by level."""
        family = Family.__table__
        for row in chunk:
            if not row.get("family"):
                continue
            catalogue_id = state.catalogues[normalised(row["catalogue"])]
            parent = None
            walked = []
            for name in split_path(row["family"]):
                walked.append(name)
                key = (catalogue_id, parent, normalised(name))
                if key not in state.families:
                    code = self._family_code(state.catalogue_codes[catalogue_id], walked, state)
                    state.families[key] = connection.execute(
                        family.insert()
                        .values(
                            code=code,
                            name=name,
                            catalogue_id=catalogue_id,
                            parent_id=parent,
                            position=0,
                        )
                        .returning(family.c.id)
                    ).scalar_one()
                    state.family_codes.add(code)
                parent = state.families[key]

    def _write_family_translations(self, connection, chunk: list[Row], state: ArticleState):
        """Each level of a translated path names that level's family in its language.

        A name equal to the family's own writes nothing (the export writes the family's own name
        where it has no translation, so exporting and importing back changes nothing), and an
        empty cell leaves the family's translations as they are. Families are shared by many
        rows: the last row naming one in a language wins.
        """
        wanted: dict[tuple[int, str], str] = {}
        for row in chunk:
            if not row.get("family"):
                continue
            catalogue_id = state.catalogues[normalised(row["catalogue"])]
            names = split_path(row["family"])
            for language in state.languages:
                translated = row.get(f"family_{language}")
                if not translated:
                    continue
                parent = None
                for name, name_there in zip(names, split_path(translated), strict=True):
                    parent = state.families[(catalogue_id, parent, normalised(name))]
                    if name_there != name:
                        wanted[(parent, language)] = name_there
        if not wanted:
            return
        translation = FamilyTranslation.__table__
        existing = {
            (r.family_id, r.language): r
            for r in connection.execute(
                sa.select(translation).where(
                    translation.c.family_id.in_({family_id for family_id, _l in wanted})
                )
            )
        }
        inserts, updates = [], []
        for (family_id, language), name in wanted.items():
            current = existing.get((family_id, language))
            if current is None:
                inserts.append({"family_id": family_id, "language": language, "name": name})
            elif current.name != name:
                updates.append({"b_id": current.id, "name": name})
        if inserts:
            connection.execute(translation.insert(), inserts)
        update_by_id(connection, translation, updates)

    @staticmethod
    def _family_code(catalogue_code: str, walked: list[str], state: ArticleState) -> str:
        """A new family's code: the catalogue's code and the path, as words; with a short hash
        when that is too long or taken."""
        words_ = re.sub(r"[^0-9a-z]+", "-", normalised(" ".join(walked))).strip("-")
        code = f"{catalogue_code}-{words_}".upper()[:40]
        if code in state.family_codes:
            digest = hashlib.sha1(f"{catalogue_code}>{'>'.join(walked)}".encode()).hexdigest()[:8]
            code = f"{code[:31]}-{digest.upper()}"
        return code

    def _write_translations(self, connection, chunk, ids, state) -> set[int]:
        translation = ArticleTranslation.__table__
        wanted = {}
        for row in chunk:
            for language in state.languages:
                present = [f for f in TRANSLATED if f"{f}_{language}" in row]
                if present:
                    wanted[(ids[row["sku"]], language)] = {
                        f: row[f"{f}_{language}"] for f in present
                    }
        if not wanted:
            return set()
        article_ids = {article_id for article_id, _l in wanted}
        existing = {
            (r.article_id, r.language): r
            for r in connection.execute(
                sa.select(translation).where(translation.c.article_id.in_(article_ids))
            )
        }
        inserts, updates, deletes, changed = [], [], [], set()
        for (article_id, language), texts in wanted.items():
            current = existing.get((article_id, language))
            if current is None:
                if any(texts.values()):
                    inserts.append(
                        {
                            "article_id": article_id,
                            "language": language,
                            "name": None,
                            "description": None,
                            **texts,
                        }
                    )
                    changed.add(article_id)
                continue
            merged = {f: texts.get(f, getattr(current, f)) for f in TRANSLATED}
            if all(v is None for v in merged.values()):
                deletes.append({"b_id": current.id})
                changed.add(article_id)
            elif any(getattr(current, f) != merged[f] for f in TRANSLATED):
                updates.append({"b_id": current.id, **merged})
                changed.add(article_id)
        insert_rows(connection, translation, inserts)
        update_by_id(connection, translation, updates)
        if deletes:
            connection.execute(
                translation.delete().where(translation.c.id == sa.bindparam("b_id")), deletes
            )
        return changed

    def _write_tags(self, connection, chunk, ids, state) -> set[int]:
        if not any("tags" in row for row in chunk):
            return set()
        wanted = {
            ids[row["sku"]]: {state.tags[normalised(t)] for t in row["tags"] or ()} for row in chunk
        }
        return replace_links(
            connection, article_tag_articles, "article_id", "article_tag_id", wanted
        )

    # --- exporting ------------------------------------------------------------------------------

    def export_rows(self, connection: sa.Connection) -> Iterator[Row]:
        article = Article.__table__
        state = self.prepare(connection)
        names = {}
        for table in (
            Brand.__table__,
            Season.__table__,
            ProductType.__table__,
            ArticleTag.__table__,
        ):
            names[table.name] = {
                r.id: r.label
                for r in connection.execute(
                    sa.select(
                        table.c.id,
                        (table.c.code if "code" in table.c else table.c.name).label("label"),
                    )
                )
            }
        family_rows = {
            r.id: r
            for r in connection.execute(
                sa.select(
                    Family.__table__.c.id,
                    Family.__table__.c.name,
                    Family.__table__.c.parent_id,
                    Family.__table__.c.catalogue_id,
                )
            )
        }

        family_names: dict[tuple[int, str], str] = {
            (r.family_id, r.language): r.name
            for r in connection.execute(sa.select(FamilyTranslation.__table__))
            if r.name
        }

        @functools.cache
        def path_of(family_id, language=None):
            """The family's catalogue code and path; in `language`, each level's translation or
            its own name (as the import reads it back)."""
            parts, node, catalogue_id = [], family_rows.get(family_id), None
            while node is not None:
                parts.append(family_names.get((node.id, language), node.name))
                catalogue_id = node.catalogue_id
                node = family_rows.get(node.parent_id)
            return state.catalogue_codes.get(catalogue_id), f" {PATH_SEPARATOR} ".join(
                reversed(parts)
            )

        last_id = 0
        while True:
            batch = connection.execute(
                sa.select(*_compared_columns())
                .where(article.c.id > last_id)
                .order_by(article.c.id)
                .limit(2000)
            ).all()
            if not batch:
                return
            last_id = batch[-1].id
            ids = [r.id for r in batch]
            translations: dict[int, dict[str, str]] = {}
            for t in connection.execute(
                sa.select(ArticleTranslation.__table__).where(
                    ArticleTranslation.__table__.c.article_id.in_(ids)
                )
            ):
                texts = translations.setdefault(t.article_id, {})
                for f in TRANSLATED:
                    texts[f"{f}_{t.language}"] = getattr(t, f)
            tags: dict[int, list[str]] = {}
            for link in connection.execute(
                sa.select(article_tag_articles).where(article_tag_articles.c.article_id.in_(ids))
            ):
                tags.setdefault(link.article_id, []).append(
                    names["article_tag"][link.article_tag_id]
                )
            for r in batch:
                row = {"sku": r.sku, **{f: getattr(r, f) for f in PLAIN_FIELDS}}
                row.update(translations.get(r.id, {}))
                catalogue, path = path_of(r.family_id) if r.family_id else (None, None)
                row["catalogue"], row["family"] = catalogue, path
                for language in state.languages:
                    row[f"family_{language}"] = (
                        path_of(r.family_id, language)[1] if r.family_id else None
                    )
                row["brand"] = names["brand"].get(r.brand_id)
                row["season"] = names["season"].get(r.season_id)
                row["product_type"] = names["product_type"].get(r.product_type_id)
                row["tags"] = sorted(tags.get(r.id, []))
                yield row


def _unknown(column: str, value: str) -> str:
    # Translated only for a row that has the problem: gettext costs more than the check.
    if column == "brand":
        return _("Unknown brand %(value)s.", value=value)
    if column == "season":
        return _("Unknown season %(value)s.", value=value)
    return _("Unknown product type %(value)s.", value=value)


def _new_defaults(values: dict[str, Any]) -> dict[str, Any]:
    result = dict(DEFAULTS)
    result.update({k: v for k, v in values.items() if v is not None or k not in DEFAULTS})
    return result


def _compared_columns() -> list[sa.Column]:
    article = Article.__table__
    names = ["id", "sku", *PLAIN_FIELDS, *REFERENCE_FIELDS.values(), "family_id"]
    return [article.c[name] for name in names]


def _same(stored: Any, new: Any) -> bool:
    if isinstance(stored, Decimal) or isinstance(new, Decimal):
        return stored is not None and new is not None and Decimal(stored) == Decimal(new)
    return stored == new


register(ArticlesKind())
