"""model.yaml's on_delete rules hold on the screens and the API, on SQLite as on PostgreSQL."""

from __future__ import annotations

from app.extensions import db
from app.generated.models import Customer, CustomerGroup, Family
from tests.conftest import csrf_token


def _group_with_a_customer(app) -> int:
    with app.app_context():
        group = CustomerGroup(name="Libraries")
        db.session.add(Customer(code="C1", name="Lyon library", country="FR", group=group))
        db.session.commit()
        return group.id


def test_group_with_customers_cannot_be_deleted_on_the_screen(app, client, auth):
    pk = _group_with_a_customer(app)
    auth.login("admin")
    token = csrf_token(client, "/customergroupview/list/")
    response = client.post(f"/customergroupview/delete/{pk}", data={"csrf_token": token})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Cannot delete: 1 Customers still refer to this record." in page
    with app.app_context():
        assert db.session.get(CustomerGroup, pk) is not None
        assert db.session.query(Customer).one().group_id == pk


def test_group_with_customers_cannot_be_deleted_through_the_api(app, client, auth):
    pk = _group_with_a_customer(app)
    response = client.delete(f"/api/v1/customer_group/{pk}", headers=auth.jwt("admin"))
    assert response.status_code == 422
    assert response.json["message"] == "Cannot delete: 1 Customers still refer to this record."
    with app.app_context():
        assert db.session.get(CustomerGroup, pk) is not None


def test_empty_group_is_deleted(app, client, auth):
    with app.app_context():
        group = CustomerGroup(name="Schools")
        db.session.add(group)
        db.session.commit()
        pk = group.id
    response = client.delete(f"/api/v1/customer_group/{pk}", headers=auth.jwt("admin"))
    assert response.status_code == 200
    with app.app_context():
        assert db.session.get(CustomerGroup, pk) is None


def test_family_with_sub_families_cannot_be_deleted(app, client, auth):
    with app.app_context():
        books = Family(code="BOOKS", name="Books")
        db.session.add(Family(code="FICTION", name="Fiction", parent=books))
        db.session.commit()
        pk = books.id
    response = client.delete(f"/api/v1/family/{pk}", headers=auth.jwt("admin"))
    assert response.status_code == 422
    assert "Sub-families" in response.json["message"]


def test_deleting_a_family_deletes_its_translations(app, client, auth):
    with app.app_context():
        family = Family(code="YOUTH", name="Youth")
        family.name_fr = "Jeunesse"
        db.session.add(family)
        db.session.commit()
        pk = family.id
    assert client.delete(f"/api/v1/family/{pk}", headers=auth.jwt("admin")).status_code == 200
    with app.app_context():
        from app.generated.models import FamilyTranslation

        assert db.session.query(FamilyTranslation).count() == 0
