"""Renders the whole of app/generated/ from a checked model, writes it, or compares it."""

from __future__ import annotations

import difflib
from pathlib import Path

from generators import gen_models, gen_roles, gen_views
from generators.pyfmt import HEADER, format_python

GENERATED_DIR = Path("app") / "generated"


def render(model) -> dict[str, str]:
    """Every generated file as {path relative to the project: formatted source}."""
    package_doc = '"""Code generated from model.yaml: models, screens, APIs, roles."""\n'
    views_doc = '"""Back-office screens and REST APIs, one module an entity."""\n'
    files: dict[str, str] = {
        "__init__.py": HEADER + package_doc,
        "models/__init__.py": gen_models.package_init(model),
        "models/_associations.py": gen_models.association_tables(model),
        "views/__init__.py": HEADER + views_doc,
        "registry.py": gen_views.registry_module(model),
        "roles.py": gen_roles.roles_module(model),
    }
    for entity in model.entities.values():
        files[f"models/{entity.name}.py"] = gen_models.entity_module(model, entity)
        files[f"views/{entity.name}.py"] = gen_views.entity_module(model, entity)
    return {
        str(GENERATED_DIR / name): format_python(source, str(GENERATED_DIR / name))
        for name, source in sorted(files.items())
    }


def existing(root: Path) -> dict[str, str]:
    base = root / GENERATED_DIR
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8")
        for path in sorted(base.rglob("*.py"))
    }


def write(model, root: Path) -> list[str]:
    """Write app/generated/ wholesale (stale files removed); return the paths that changed."""
    wanted = render(model)
    have = existing(root)
    changed = []
    for name in sorted(set(have) - set(wanted)):
        (root / name).unlink()
        changed.append(name)
    for name, source in wanted.items():
        if have.get(name) != source:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source, encoding="utf-8")
            changed.append(name)
    return changed


def diff(model, root: Path) -> str:
    """A unified diff from app/generated/ as it is to what model.yaml says it should be."""
    wanted = render(model)
    have = existing(root)
    chunks = []
    for name in sorted(set(wanted) | set(have)):
        before, after = have.get(name, ""), wanted.get(name, "")
        if before != after:
            chunks.extend(
                difflib.unified_diff(
                    before.splitlines(keepends=True),
                    after.splitlines(keepends=True),
                    fromfile=f"a/{name}" if name in have else "/dev/null",
                    tofile=f"b/{name}" if name in wanted else "/dev/null",
                )
            )
    return "".join(chunks)
