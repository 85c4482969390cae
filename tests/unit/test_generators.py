"""The generators: deterministic, readable output; `check` catches drift; extension points work.

Drift tests run on a copy of model.yaml and app/generated/ in a temporary directory, so they never
touch the checkout. The small models below are written inline: each shows one feature of
model.yaml and what the generated code makes of it.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generators import writer
from generators.cli import model_cli
from generators.loader import load_model, load_model_text
from generators.pyfmt import HEADER

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "model.yaml"
GENERATED = "app/generated"

# One entity with a mixin and a hand-written base view, related many-to-many to a self-referencing,
# translatable tag tree; a belongs_to to FAB's user; an enum.
SMALL_MODEL = """\
version: 1
app:
  name: Small shop
  languages: [en, fr, de]
  default_language: en
  currency: EUR
menus:
  shop:
    label: Shop
entities:
  customer:
    label: Customer
    api: true
    mixin: app.domain.customers:CustomerRules
    fields:
      name:
        type: string
        length: 80
        label: Name
        required: true
      status:
        type: enum
        label: Status
        default: active
        values:
          active: Active
          closed: Closed
      sales_rep:
        type: belongs_to
        target: user
        label: Sales representative
      tags:
        type: many_to_many
        target: tag
        inverse: customers
        label: Tags
    admin:
      menu: shop
      base_view: some.module:MyView
      list_columns: [name, status, sales_rep]
  tag:
    label: Tag
    api: true
    fields:
      name:
        type: string
        length: 40
        label: Name
        translatable: true
      parent:
        type: belongs_to
        target: tag
        inverse: children
        label: Parent tag
      children:
        type: has_many
        target: tag
        inverse: parent
        label: Sub-tags
      customers:
        type: many_to_many
        target: customer
        inverse: tags
        label: Customers
roles:
  admin:
    label: Administrator
    superuser: true
"""

# Every field type and option once, no menu, no API, a row rule: the corners of the generators.
EVERY_FEATURE_MODEL = """\
version: 1
app:
  name: Every feature
  languages: [en, nl]
  default_language: en
  currency: EUR
entities:
  thing:
    label: Thing
    api: true
    singleton: true
    checks: [app.domain.periods:period_problems]
    fields:
      name: {type: string, label: Name, min_length: 2}
      opens_at: {type: time, label: Opens at}
      written_at: {type: datetime, label: Written at, default: now}
      notes: {type: text, label: Notes, translatable: true, max_length: 500}
      price: {type: money, label: Price, min: 0, default: 1.5}
      ratio: {type: decimal, precision: 5, scale: 2, label: Ratio, max: 10}
      born: {type: date, label: Born, default: 2024-01-02}
      seen_at: {type: datetime, label: Seen at}
      email: {type: email, label: Email}
      website: {type: url, label: Website}
      phone: {type: phone, label: Phone}
      country: {type: country, label: Country}
      language: {type: language, label: Language}
      picture: {type: image, label: Picture}
      document: {type: file, label: Document}
      data: {type: json, label: Data}
      flag: {type: boolean, label: Flag, default: true}
      kind: {type: enum, label: Kind, values: {big: Big, small: Small}}
      friends: {type: many_to_many, target: thing, label: Friends}
      owner: {type: belongs_to, target: user, label: Owner, required: true}
    admin:
      list_columns: [name, price, friends]
      read_only: [written_at, seen_at]
      related: [friends]
roles:
  admin:
    label: Administrator
    superuser: true
  viewer:
    label: Viewer
    permissions:
      thing:
        actions: [list, show]
        rows:
          owner: current_user
"""


@pytest.fixture(scope="module")
def model():
    return load_model(MODEL)


@pytest.fixture(scope="module")
def rendered(model) -> dict[str, str]:
    return writer.render(model)


@pytest.fixture(scope="module")
def small() -> dict[str, str]:
    return writer.render(load_model_text(SMALL_MODEL))


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the parts of the project the generators read and write."""
    shutil.copy(MODEL, tmp_path / "model.yaml")
    shutil.copytree(
        ROOT / GENERATED, tmp_path / GENERATED, ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def run_cli(*args: str):
    return CliRunner().invoke(model_cli, list(args), catch_exceptions=False)


def parse(files: dict[str, str], name: str) -> ast.Module:
    return ast.parse(files[f"{GENERATED}/{name}"])


def class_def(tree: ast.Module, name: str) -> ast.ClassDef:
    found = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name]
    assert found, f"no class {name}"
    return found[0]


def assigned(cls: ast.ClassDef, name: str) -> ast.expr:
    for node in cls.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return node.value
    raise AssertionError(f"{cls.name}.{name} is not assigned")


def call_keywords(call: ast.expr) -> dict[str, ast.expr]:
    assert isinstance(call, ast.Call)
    return {k.arg: k.value for k in call.keywords}


def imported(tree: ast.Module, module: str) -> set[str]:
    return {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == module
        for alias in node.names
    }


def base_names(cls: ast.ClassDef) -> list[str]:
    return [ast.unparse(base) for base in cls.bases]


# -- Deterministic, readable output -------------------------------------------------------------

_RENDER_SCRIPT = """
import json, sys
from generators import writer
from generators.loader import load_model
json.dump({m: writer.render(load_model(m)) for m in sys.argv[1:]}, sys.stdout)
"""


def test_rendering_twice_gives_the_same_bytes(rendered):
    again = writer.render(load_model(MODEL))
    assert list(again) == list(rendered)
    for name, source in rendered.items():
        assert again[name].encode() == source.encode(), name


@pytest.mark.parametrize("seed", ["1", "271828"])
def test_rendering_under_another_hash_seed_gives_the_same_bytes(seed, rendered, small, tmp_path):
    """Set and dict order must never leak into the output: another process, another seed."""
    small_path = tmp_path / "small.yaml"
    small_path.write_text(SMALL_MODEL, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _RENDER_SCRIPT, str(MODEL), str(small_path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
    )
    elsewhere = json.loads(result.stdout)
    for mine, theirs in ((rendered, elsewhere[str(MODEL)]), (small, elsewhere[str(small_path)])):
        assert list(theirs) == list(mine)
        for name, source in mine.items():
            assert theirs[name].encode() == source.encode(), name


def test_generated_files_start_with_the_do_not_edit_header_and_compile(rendered, small):
    assert "Generated from model.yaml" in HEADER and "do not edit" in HEADER
    for files in (rendered, small):
        for name, source in files.items():
            assert name.startswith(f"{GENERATED}/") and name.endswith(".py")
            assert source.startswith(HEADER), f"{name} lacks the do-not-edit header"
            compile(source, name, "exec")


def test_every_generated_file_on_disk_has_the_header():
    for path in sorted((ROOT / GENERATED).rglob("*.py")):
        assert path.read_text(encoding="utf-8").startswith(HEADER), path


def test_generated_code_passes_the_project_lint(rendered, small, tmp_path):
    """`make lint` runs ruff over app/generated/ too: no unused import in any model's output."""
    from ruff.__main__ import find_ruff_bin

    every_feature = writer.render(load_model_text(EVERY_FEATURE_MODEL))
    for label, files in (("repo", rendered), ("small", small), ("every", every_feature)):
        for name, source in files.items():
            path = tmp_path / label / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- `check` and `generate` ---------------------------------------------------------------------


def test_check_passes_on_the_repository(model):
    assert writer.diff(model, ROOT) == ""
    result = subprocess.run(
        [sys.executable, "-m", "generators", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_check_fails_with_a_diff_when_a_generated_file_is_edited(model, project):
    edited = project / GENERATED / "models" / "customer.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "HAND_EDIT = True\n", encoding="utf-8")

    difference = writer.diff(model, project)
    assert "--- a/app/generated/models/customer.py" in difference
    assert "+++ b/app/generated/models/customer.py" in difference
    assert "-HAND_EDIT = True" in difference

    # The real command, in its own process, as CI runs it.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generators",
            "check",
            "--model",
            str(project / "model.yaml"),
            "--root",
            str(project),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "--- a/app/generated/models/customer.py" in result.stdout
    assert "-HAND_EDIT = True" in result.stdout
    assert "stale" in result.stderr


def test_check_fails_when_a_stale_extra_file_exists(model, project):
    stale = project / GENERATED / "views" / "retired_entity.py"
    stale.write_text(HEADER + "OLD = 1\n", encoding="utf-8")

    difference = writer.diff(model, project)
    assert "--- a/app/generated/views/retired_entity.py" in difference
    assert "+++ /dev/null" in difference

    result = run_cli("check", "--model", str(project / "model.yaml"), "--root", str(project))
    assert result.exit_code != 0
    assert "a/app/generated/views/retired_entity.py" in result.output


def test_check_fails_when_a_generated_file_is_missing(model, project):
    (project / GENERATED / "roles.py").unlink()

    result = run_cli("check", "--model", str(project / "model.yaml"), "--root", str(project))
    assert result.exit_code != 0
    assert "--- /dev/null" in result.output
    assert "+++ b/app/generated/roles.py" in result.output


def test_check_fails_when_model_yaml_changes_without_generating(project):
    model_file = project / "model.yaml"
    text = model_file.read_text(encoding="utf-8")
    assert "label: Customer code\n" in text
    model_file.write_text(
        text.replace("label: Customer code\n", "label: Account code\n"), encoding="utf-8"
    )

    difference = writer.diff(load_model(model_file), project)
    assert "app/generated/views/customer.py" in difference
    assert '+    "code": _l("Account code"),' in difference

    result = run_cli("check", "--model", str(model_file), "--root", str(project))
    assert result.exit_code != 0
    assert "b/app/generated/views/customer.py" in result.output


def test_generate_removes_stale_files_and_restores_edited_ones(project):
    stale = project / GENERATED / "models" / "retired_entity.py"
    stale.write_text(HEADER + "OLD = 1\n", encoding="utf-8")
    edited = project / GENERATED / "registry.py"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original + "# hand edit\n", encoding="utf-8")
    model_file = str(project / "model.yaml")

    result = run_cli("generate", "--model", model_file, "--root", str(project))
    assert result.exit_code == 0, result.output
    assert "wrote app/generated/models/retired_entity.py" in result.output
    assert "wrote app/generated/registry.py" in result.output
    assert not stale.exists()
    assert edited.read_text(encoding="utf-8") == original

    assert run_cli("check", "--model", model_file, "--root", str(project)).exit_code == 0
    again = run_cli("generate", "--model", model_file, "--root", str(project))
    assert "0 file(s) changed." in again.output


def test_check_of_an_invalid_model_reports_errors_without_a_traceback(project):
    model_file = project / "model.yaml"
    model_file.write_text(
        model_file.read_text(encoding="utf-8").replace("type: money", "type: moeny", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        model_cli, ["check", "--model", str(model_file), "--root", str(project)]
    )
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "moeny" in result.output


# -- Extension points ---------------------------------------------------------------------------


def test_entity_mixin_becomes_a_base_class_of_the_model(small):
    tree = parse(small, "models/customer.py")
    assert base_names(class_def(tree, "Customer")) == ["CustomerRules", "Model"]
    assert imported(tree, "app.domain.customers") == {"CustomerRules"}


def test_the_customer_model_of_the_repository_has_its_rules():
    from app.domain.customers import CustomerRules
    from app.generated.models import Customer

    assert issubclass(Customer, CustomerRules)
    assert Customer(status="active").may_order
    assert not Customer(status="suspended").may_order


def test_admin_base_view_becomes_the_base_class_of_the_screen(small):
    tree = parse(small, "views/customer.py")
    assert base_names(class_def(tree, "CustomerView")) == ["MyView"]
    assert imported(tree, "some.module") == {"MyView"}
    # The API keeps the generated base; the screen's default base is not imported for nothing.
    assert base_names(class_def(tree, "CustomerApi")) == ["BackOfficeRestApi"]
    assert imported(tree, "app.backoffice.views") == {"BackOfficeRestApi"}
    # An entity without a base view keeps the default.
    assert base_names(class_def(parse(small, "views/tag.py"), "TagView")) == ["BackOfficeModelView"]


# -- Relations, translations, enums -------------------------------------------------------------


def _tables(tree: ast.Module) -> list[str]:
    return [
        node.value.args[0].value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func) == "sa.Table"
    ]


def test_many_to_many_declared_on_both_ends_generates_one_association_table(small, rendered):
    assert _tables(parse(small, "models/_associations.py")) == ["customer_tags"]
    customer = class_def(parse(small, "models/customer.py"), "Customer")
    tag = class_def(parse(small, "models/tag.py"), "Tag")
    assert ast.unparse(call_keywords(assigned(customer, "tags"))["secondary"]) == "customer_tags"
    assert ast.unparse(call_keywords(assigned(tag, "customers"))["secondary"]) == "customer_tags"

    tables = _tables(parse(rendered, "models/_associations.py"))
    assert "customer_contacts" in tables and "contact_customers" not in tables


def test_self_referencing_parent_has_remote_side(small, rendered):
    for files, module, cls in ((small, "tag", "Tag"), (rendered, "family", "Family")):
        model_class = class_def(parse(files, f"models/{module}.py"), cls)
        parent = call_keywords(assigned(model_class, "parent"))
        assert ast.unparse(parent["remote_side"]) == "[id]"
        assert ast.unparse(parent["back_populates"]) == "'children'"

    from app.generated.models import Family

    assert Family.parent.property.remote_side == {Family.__table__.c.id}


def test_translatable_field_generates_a_translation_table_and_language_properties(small):
    tree = parse(small, "models/tag.py")
    translation = class_def(tree, "TagTranslation")
    assert ast.literal_eval(assigned(translation, "__tablename__")) == "tag_translation"
    tag = class_def(tree, "Tag")
    for language in ("fr", "de"):
        prop = assigned(tag, f"name_{language}")
        assert ast.unparse(prop) == f"translated_property('name', '{language}')"
    with pytest.raises(AssertionError):
        assigned(tag, "name_en")  # the default language lives in the record's own column
    assert "TagTranslation" in small[f"{GENERATED}/models/__init__.py"]


def test_translation_inputs_are_limited_like_the_field_they_translate(small):
    """A translation is stored in a column like the field's own: the form must keep it as short."""
    every_feature = writer.render(load_model_text(EVERY_FEATURE_MODEL))
    cases = [
        (
            small,
            "tag",
            "TagView",
            "name_fr",
            "translation_input(LABELS['name'], 'fr', multiline=False, max_length=40)",
        ),
        (
            every_feature,
            "thing",
            "ThingView",
            "notes_nl",
            "translation_input(LABELS['notes'], 'nl', multiline=True, max_length=500)",
        ),
    ]
    for files, module, view, name, expected in cases:
        extra = assigned(
            class_def(parse(files, f"views/{module}.py"), view), "add_form_extra_fields"
        )
        inputs = {
            ast.literal_eval(k): ast.unparse(v)
            for k, v in zip(extra.keys, extra.values, strict=True)
        }
        assert inputs[name] == expected


def test_translated_property_reads_and_writes_the_translation_row():
    from app.generated.models import Family

    family = Family(code="BOOKS", name="Books")
    family.name_fr = "Livres"
    assert family.translations["fr"].name == "Livres"
    assert family.name_fr == "Livres" and family.name_nl is None
    family.name_fr = ""
    assert "fr" not in family.translations


def test_enum_generates_choices_with_translatable_labels(small):
    tree = parse(small, "models/customer.py")
    choices = assigned(class_def(tree, "Customer"), "STATUS_CHOICES")
    assert ast.unparse(choices) == "(('active', _l('Active')), ('closed', _l('Closed')))"
    assert any(
        isinstance(node, ast.ImportFrom)
        and node.module == "flask_babel"
        and [(a.name, a.asname) for a in node.names] == [("lazy_gettext", "_l")]
        for node in tree.body
    )


def test_enum_choices_of_the_repository_follow_model_yaml(model):
    from flask_babel.speaklater import LazyString

    from app.generated.models import Customer

    declared = model.entities["customer"].fields["status"].values
    assert [value for value, _ in Customer.STATUS_CHOICES] == list(declared)
    assert all(isinstance(label, LazyString) for _, label in Customer.STATUS_CHOICES)


# -- REST API never serialises a user row -------------------------------------------------------


@pytest.mark.parametrize("which", ["repository", "small"])
def test_rest_columns_never_name_a_bare_relation_to_user(which, model, rendered, small):
    checked = load_model_text(SMALL_MODEL) if which == "small" else model
    files = small if which == "small" else rendered
    user_links = 0
    for entity in checked.entities.values():
        if not entity.api:
            continue
        api = class_def(parse(files, f"views/{entity.name}.py"), entity.api_name)
        for attribute in ("list_columns", "show_columns"):
            columns = ast.literal_eval(assigned(api, attribute))
            for field in entity.fields.values():
                if field.is_relation:
                    assert field.name not in columns, f"{entity.api_name}.{attribute}: {field.name}"
                if field.type == "belongs_to" and field.target == "user":
                    user_links += 1
                    dotted = [c for c in columns if c.startswith(f"{field.name}.")]
                    assert set(dotted) <= {f"{field.name}.id", f"{field.name}.username"}
    assert user_links, "the model should have a belongs_to to user for this test to mean anything"


def test_the_customer_api_shows_the_sales_rep_by_username():
    from app.generated.views.customer import CustomerApi

    assert "sales_rep" not in CustomerApi.list_columns
    assert "sales_rep" not in CustomerApi.show_columns
    assert "sales_rep.username" in CustomerApi.list_columns


def test_new_entity_keys_reach_the_screen_and_the_api():
    """singleton, checks and read_only from model.yaml, on both generated classes."""
    files = writer.render(load_model_text(EVERY_FEATURE_MODEL))
    module = parse(files, "views/thing.py")
    view, api = class_def(module, "ThingView"), class_def(module, "ThingApi")
    assert ast.unparse(assigned(view, "singleton")) == "True"
    assert ast.unparse(assigned(api, "singleton")) == "True"
    assert ast.unparse(assigned(view, "record_checks")) == "(period_problems,)"
    assert ast.unparse(assigned(api, "record_checks")) == "ThingView.record_checks"
    editable = ast.unparse(assigned(view, "add_fieldsets"))
    shown = ast.unparse(assigned(view, "show_fieldsets"))
    assert "'written_at'" not in editable and "'written_at'" in shown
    assert "'seen_at'" not in ast.unparse(assigned(api, "add_columns"))
    formatters = ast.unparse(assigned(view, "formatters_columns"))
    assert "'price': money_text" in formatters and "'friends': names_text" in formatters
    inputs = ast.unparse(assigned(view, "add_form_extra_fields"))
    assert "'opens_at': time_input(" in inputs


def test_time_and_now_columns_and_a_listed_many_to_many_loaded_with_the_page():
    files = writer.render(load_model_text(EVERY_FEATURE_MODEL))
    source = files[f"{GENERATED}/models/thing.py"]
    assert "opens_at = sa.Column(sa.Time(), nullable=True)" in source
    assert "default=lambda: datetime.datetime.now(datetime.UTC)" in source
    assert "server_default=sa.func.now()" in source
    friends = assigned(class_def(parse(files, "models/thing.py"), "Thing"), "friends")
    assert ast.unparse(call_keywords(friends)["lazy"]) == "'selectin'"


def test_unique_belongs_to_allows_one_record_per_target(rendered):
    """A staff member's preferences: one row per user, kept by a unique foreign key."""
    preference = class_def(parse(rendered, "models/user_preference.py"), "UserPreference")
    user_id = call_keywords(assigned(preference, "user_id"))
    assert ast.unparse(user_id["unique"]) == "True"
    assert "index" not in user_id  # the unique constraint is the index

    from app.generated.models import UserPreference

    assert UserPreference.__table__.c.user_id.unique
