"""The layout of the code: the development tooling stays out of the product, no module imports
itself back through another, and the content app hides no import inside a function.
(tests/security/test_settings_and_headers.py checks that production does not import the tooling.)"""

import ast
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = ["occe_site", "content", "search", "newsletter", "accounts", "httpcache", "operations", "devtools"]


def test_the_development_settings_install_the_tooling(settings):
    assert "devtools" in settings.INSTALLED_APPS  # the test settings share local.py with dev


# --- Imports ---------------------------------------------------------------------------------


def module_name(path):
    parts = list(path.relative_to(BASE_DIR).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for app in APPS
    for path in sorted((BASE_DIR / app).rglob("*.py"))
    if "migrations" not in path.parts
}


def imported_modules(name, path):
    """The project's modules that importing `name` imports at once: at its top level, each with
    the packages above it (a package's own submodules do not import the package again)."""
    is_package = path.name == "__init__.py"
    found = set()

    def add(target):
        parts = target.split(".")
        for end in range(1, len(parts) + 1):
            candidate = ".".join(parts[:end])
            if candidate in MODULES and not f"{name}.".startswith(f"{candidate}."):
                found.add(candidate)

    for node in ast.parse(path.read_text()).body:
        for statement in ast.walk(node) if isinstance(node, ast.If | ast.Try) else [node]:
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    add(alias.name)
            elif isinstance(statement, ast.ImportFrom):
                if statement.level:
                    package = name.split(".") if is_package else name.split(".")[:-1]
                    package = package[: len(package) - statement.level + 1]
                    target = ".".join([*package, *([statement.module] if statement.module else [])])
                else:
                    target = statement.module
                add(target)
                for alias in statement.names:
                    add(f"{target}.{alias.name}")
    found.discard(name)
    return found


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}


def test_no_module_imports_itself_back_through_others():
    cycles = []

    def visit(name, trail):
        for target in sorted(GRAPH[name]):
            if target in trail:
                cycles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in done:
                visit(target, [*trail, target])
        done.add(name)

    done = set()
    for name in sorted(GRAPH):
        if name not in done:
            visit(name, [name])
    assert cycles == []


def test_the_product_does_not_depend_on_the_tooling_and_content_not_on_search():
    for name, targets in GRAPH.items():
        app = name.split(".")[0]
        if app != "devtools":
            assert not [t for t in targets if t.startswith("devtools")], name
        if app == "content":
            assert not [t for t in targets if t.startswith("search")], name


def test_content_imports_at_the_top_of_its_modules():
    """An import inside a function hides a cycle; only AppConfig.ready() may import (the
    signal handlers need the models loaded)."""
    hidden = []
    for name, path in MODULES.items():
        if not name.startswith("content"):
            continue
        for function in ast.walk(ast.parse(path.read_text())):
            if isinstance(function, ast.FunctionDef) and not (
                name == "content.apps" and function.name == "ready"
            ):
                hidden += [
                    f"{name}.{function.name}"
                    for node in ast.walk(function)
                    if isinstance(node, ast.Import | ast.ImportFrom)
                ]
    assert hidden == []
