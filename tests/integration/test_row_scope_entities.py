"""Every row rule of model.yaml, entity by entity: a sales representative cannot list, open,
edit, export or fetch through the API a row of another representative's customer.

The rows are built from the rule itself (`customer.sales_rep`, `order.customer.sales_rep`...),
so a rule added to model.yaml is tested here without a new test.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.integration.records import MODEL, api, make_row, meeting_rule, screen, user

SCOPED = [
    (role, MODEL.entities[name], permission)
    for role in MODEL.roles.values()
    for name, permission in role.permissions.items()
    if permission.rows
]


def _row_of(session, entity, permission, owner):
    """A row of `entity` the rules give to `owner` (a user)."""
    values = dict(
        meeting_rule(session, entity, path, owner if value == "current_user" else value)
        for path, value in permission.rows.items()
    )
    return make_row(session, entity, **values)


@pytest.fixture
def rows(session, request):
    role, entity, permission = request.param
    own = _row_of(session, entity, permission, user(session, "rep1"))
    others = _row_of(session, entity, permission, user(session, "rep2"))
    session.commit()
    return entity, permission, own.id, others.id


@pytest.mark.parametrize(
    "rows",
    [(r, e, p) for r, e, p in SCOPED if r.name == "sales_rep"],
    ids=[e.name for r, e, p in SCOPED if r.name == "sales_rep"],
    indirect=True,
)
def test_sales_rep_reaches_only_rows_of_own_customers(client, auth, rows):
    entity, permission, own, others = rows
    base = screen(entity)
    auth.login("rep1")
    listed = client.get(f"{base}/list/?psize_{entity.view_name}=100").get_data(as_text=True)
    shown = {int(pk) for pk in re.findall(rf"{base}/show/(\d+)", listed)}
    assert own in shown and others not in shown

    for page in ("show", "edit"):
        if page == "edit" and "edit" not in permission.actions:
            continue
        assert client.get(f"{base}/{page}/{own}").status_code == 200
        assert client.get(f"{base}/{page}/{others}").status_code == 404

    if "export" in permission.actions:
        exported = client.get(f"{base}/export/").get_data(as_text=True).lstrip("\ufeff")
        assert len(list(csv.reader(io.StringIO(exported)))) == 2  # the header and own row

    if entity.api:
        headers = auth.jwt("rep1")
        response = client.get(f"{api(entity)}?q=(page_size:100)", headers=headers)
        assert own in response.json["ids"] and others not in response.json["ids"]
        assert client.get(f"{api(entity)}{own}", headers=headers).status_code == 200
        assert client.get(f"{api(entity)}{others}", headers=headers).status_code == 404
        if "edit" in permission.actions:
            answer = client.put(f"{api(entity)}{others}", json={}, headers=headers)
            assert answer.status_code == 404


def test_every_customer_owned_record_is_scoped_for_sales_reps():
    """The issue's promise: a representative's customers, their contacts, addresses, history
    and orders, and nothing of other customers; model.yaml must keep a rule on each."""
    rules = {e.name: p.rows for r, e, p in SCOPED if r.name == "sales_rep"}
    for entity in ("customer", "contact", "address", "customer_event", "sales_order"):
        assert entity in rules, entity
