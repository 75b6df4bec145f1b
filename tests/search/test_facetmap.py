"""Facet counts from match ids agree with counting the matching documents one by one."""

import random

from search.engine.facetmap import DIMENSIONS, FacetMap


def brute_force(rows, ids, filters, wanted=DIMENSIONS):
    """(total, tallies) by looking at every matching row: the definition the map must meet."""
    by_id = {r[0]: dict(zip(("id", "type", "category", "label", "community", "year"), r, strict=True)) for r in rows}
    matches = [by_id[i] for i in ids if i in by_id]

    def passes(row, skip=None):
        return all(row[k] == v for k, v in filters.items() if k != skip)

    tallies = {}
    for facet in wanted:
        tally = {}
        for row in matches:
            if passes(row, skip=facet) and row[facet] not in (None, ""):
                tally[row[facet]] = tally.get(row[facet], 0) + 1
        tallies[facet] = tally
    return sum(1 for row in matches if passes(row)), tallies


def random_rows(rng, n):
    rows, next_id = [], 1
    for _ in range(n):
        next_id += rng.choice([1, 1, 1, 2, 7])  # deleted rows leave gaps in the ids
        doc_type = rng.choice(["news", "guide", "station"])
        category = rng.choice(["", "work", "notice", "social"])
        rows.append(
            (
                next_id,
                doc_type,
                category,
                {"": "", "work": "工作动态", "notice": "通知公告", "social": "社会保障"}[category],
                rng.choice(["", "柳荫社区", "望湖社区", "桂园社区"]),
                rng.choice([None, 2024, 2025, 2026]),
            )
        )
    return rows


def test_counts_match_counting_each_row_under_every_combination_of_filters():
    rng = random.Random(5)
    rows = random_rows(rng, 3000)
    facet_map = FacetMap()
    facet_map.update(rows)
    ids = rng.sample([r[0] for r in rows], 1200) + [999_999]  # one id written after the map was read
    for filters in [
        {},
        {"type": "guide"},
        {"year": 2025},
        {"type": "news", "community": "望湖社区"},
        {"category": "work", "year": 2026, "community": "柳荫社区"},
        {"type": "no-such-type"},
    ]:
        assert facet_map.count(ids, filters) == brute_force(rows, ids, filters), filters
    assert facet_map.labels["social"] == "社会保障"
    assert facet_map.count([], {"type": "news"}) == (0, {d: {} for d in DIMENSIONS})


def test_an_update_replaces_the_values_of_a_row_and_a_copy_keeps_the_old_ones():
    facet_map = FacetMap()
    facet_map.update([(3, "news", "work", "工作动态", "柳荫社区", 2025), (5, "news", "", "", "", None)])
    before = facet_map.copy()
    facet_map.update([(3, "guide", "social", "社会保障", "望湖社区", 2026), (40_000, "station", "", "", "", None)])
    assert facet_map.count([3, 5, 40_000], {})[1]["type"] == {"guide": 1, "news": 1, "station": 1}
    assert before.count([3, 5, 40_000], {}) == (2, before.count([3, 5], {})[1])
    assert before.count([3], {"type": "news"})[0] == 1
