"""Who may import and export price lists, stock levels and customers: the roles whose permissions
(synced from model.yaml) hold every permission the kind names."""

from __future__ import annotations

import pytest

from app.domain.imports.kinds import kind_named
from tests.conftest import USERS

EXPECTED = {
    "price_lists": {"admin", "catalogue"},
    "stock_levels": {"admin", "catalogue"},
    "customers": {"admin", "rep1", "rep2"},
}


def _allowed(app, needed) -> set[str]:
    sm = app.appbuilder.sm
    allowed = set()
    with app.app_context():
        for username in USERS:
            user = sm.find_user(username=username)
            held = {
                (permission.permission.name, permission.view_menu.name)
                for role in user.roles
                for permission in role.permissions
            }
            if all(pair in held for pair in needed):
                allowed.add(username)
    return allowed


@pytest.mark.parametrize("kind_name", sorted(EXPECTED))
def test_the_roles_that_may_import_and_export_each_kind(app, kind_name):
    kind = kind_named(kind_name)
    assert _allowed(app, kind.permissions) == EXPECTED[kind_name]
    assert _allowed(app, kind.export_permissions) == EXPECTED[kind_name]


@pytest.mark.parametrize("kind_name", sorted(EXPECTED))
def test_each_kinds_template_imports_as_it_is(app, session, tmp_path, kind_name):
    """The template's example rows are valid once the records they name exist."""
    from app.domain.imports.exporting import write_template
    from app.generated.models import Article, PriceLevel, Warehouse
    from tests.integration.imports_helpers import run_file

    session.add_all(
        [
            Article(sku="BK-0001", name="Blue notebook", status="active"),
            PriceLevel(code="WHOLESALE", name="Wholesale"),
            Warehouse(code="MAIN", name="Main"),
        ]
    )
    session.commit()
    path = tmp_path / f"{kind_name}.xlsx"
    write_template(kind_named(kind_name), path, "xlsx")
    run = run_file(path, kind_name)
    assert run.status == "done", run.errors
    assert run.created_count >= 1
