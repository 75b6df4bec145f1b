"""The import graph over every module of the project (imports inside functions included): no circle, and
every import between apps goes along the direction written in docs/DEVELOPING.md ("Imports")."""

import pathlib
import sys

import grimp
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "home", "services", "search")

# Each app and the apps it may import: the rule of docs/DEVELOPING.md. ``portal`` (settings, URLs, the page
# shell) is the wiring and may import every app; no app imports it, only its ground layer.
GROUND = "portal.ground"
MAY_IMPORT = {
    GROUND: set(),
    "home": {GROUND},
    "search": {GROUND, "home"},
    "services.places": {GROUND, "home", "search"},
    "services.catalog": {GROUND, "home", "search", "services.places"},
    "services.feedback": {GROUND, "home", "search", "services.places"},
    "services.participation": {GROUND, "home", "search", "services.places", "services.catalog", "services.feedback"},
}
# Taking part: the party members' check-in and the stations' bookings build on the points ledger.
for app in ("services.party", "services.bookings"):
    MAY_IMPORT[app] = MAY_IMPORT["services.participation"] | {"services.participation"}
# The showcase publishes figures of every service.
MAY_IMPORT["services.showcase"] = MAY_IMPORT["services.party"] | {"services.party", "services.bookings"}
MAY_IMPORT["portal"] = set(MAY_IMPORT)


def app_of(module):
    """The app a module belongs to: portal.ground, portal, home, search or services.<name>."""
    parts = module.split(".")
    if parts[:2] == ["portal", "ground"]:
        return GROUND
    if parts[0] == "services" and len(parts) > 1:
        return f"services.{parts[1]}"
    return parts[0]


@pytest.fixture(scope="module")
def graph():
    sys.path.insert(0, str(ROOT))
    try:
        return grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)
    finally:
        sys.path.remove(str(ROOT))


def test_every_app_has_its_place_in_the_rule(graph):
    unknown = sorted({app_of(module) for module in graph.modules} - set(MAY_IMPORT) - {"services"})
    assert not unknown, f"apps missing from the import rule (docs/DEVELOPING.md and MAY_IMPORT): {unknown}"


def test_imports_between_apps_go_along_the_documented_direction(graph):
    wrong = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            source, target = app_of(importer), app_of(imported)
            if source != target and target != "services" and target not in MAY_IMPORT.get(source, set()):
                wrong.append(f"{importer} → {imported}")
    assert not wrong, "imports against the direction of docs/DEVELOPING.md:\n" + "\n".join(wrong)


def strongly_connected(graph):
    """Tarjan's algorithm over the module graph: the groups of modules that import each other in a circle."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    counter = [0]

    def visit(start):
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_itself_through_a_circle(graph):
    circles = strongly_connected(graph)
    assert not circles, "import circles:\n" + "\n".join(" ↔ ".join(group) for group in circles)


def test_the_check_sees_a_circle_and_a_wrong_direction():
    """The checks above fail on the defects they guard against (a graph built by hand)."""
    made_up = grimp.ImportGraph()
    for module in ("home.a", "home.b", "services.places.c"):
        made_up.add_module(module)
    made_up.add_import(importer="home.a", imported="home.b")
    made_up.add_import(importer="home.b", imported="home.a")
    made_up.add_import(importer="home.a", imported="services.places.c")
    assert strongly_connected(made_up) == [["home.a", "home.b"]]
    assert "services.places" not in MAY_IMPORT[app_of("home.a")]
