"""Maturity scoring, hand-worked on a tiny model: n/a, partial, rounding, bands, thresholds, ranking, change."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portfolio import maturity as mt

from maturity_samples import TINY


def assessment(ws, name: str, scores: str, when: str = "2026-01-15", who: str | None = None) -> None:
    admin = f"administration: {who}\n" if who else ""
    ws.write(f"assessments/{name}.yaml", f"model: tiny\ndate: {when}\n{admin}scores: {scores}\n")


@pytest.fixture
def tiny(ws):
    ws.write("guidelines/tiny.yaml", TINY)
    return ws


def load(ws):
    loaded = ws.load()
    assert not loaded.errors, loaded.errors
    return loaded


def only(loaded):
    (a,) = loaded.assessments
    return a, loaded.models["tiny"]


# ------------------------------------------------------------------ rounding

@pytest.mark.parametrize("value, expected", [
    (2.25, 2.3), (2.35, 2.4), (2.45, 2.5), (3.25, 3.3), (4.35, 4.4), (2.24, 2.2), (1.0, 1.0),
    (Decimal("3.54285714"), 3.5), (Decimal("2.95"), 3.0),
])
def test_round_half_up(value, expected):
    assert mt.round_half_up(value) == expected


def test_round_half_up_is_not_python_round():
    # Python rounds the float 3.25 to even (3.2) and 4.35, stored as 4.34999..., down (4.3).
    assert round(3.25, 1) == 3.2 and round(4.35, 1) == 4.3
    assert mt.round_half_up(3.25) == 3.3 and mt.round_half_up(4.35) == 4.4
    assert mt.round_half_up(None) is None
    assert mt.round_half_up(2.345, places=2) == 2.35


def test_mean_is_exact_on_the_scores_as_written():
    assert mt.mean([3.3, 3.2]) == Decimal("3.25")
    assert mt.mean([0.1, 0.2]) == Decimal("0.15")  # the float sum is 0.30000000000000004
    assert mt.mean([]) is None


def test_group_average_rounds_a_half_up(tiny):
    assessment(tiny, "x", "{a: 3.3, b: 3.2, c: 3.25, d: 4.35, e: 4.35}")
    a, model = only(load(tiny))
    g1, g2 = mt.group_averages(a, model)
    assert g1.exact == Decimal("3.25") and g1.average == 3.3  # float mean 3.25 -> round() gives 3.2
    assert g2.average == 4.4


# ------------------------------------------------------------------ n/a and partial

def test_full_group_is_not_partial(tiny):
    assessment(tiny, "x", "{a: 1, b: 2, c: 4, d: 3, e: 3}")
    a, model = only(load(tiny))
    g1, g2 = mt.group_averages(a, model)
    assert (g1.group, g1.average, g1.scored, g1.total, g1.partial) == ("g1", 2.3, 3, 3, False)  # 7/3
    assert (g2.average, g2.partial) == (3.0, False)


def test_na_is_skipped_and_makes_the_average_partial(tiny):
    assessment(tiny, "x", '{a: 2, b: "n/a", c: 3, d: 3, e: 3}')
    a, model = only(load(tiny))
    g1 = mt.group_averages(a, model)[0]
    assert g1.exact == Decimal("2.5")  # (2 + 3) / 2, not (2 + 0 + 3) / 3
    assert (g1.scored, g1.na, g1.missing, g1.total, g1.partial) == (2, 1, 0, 3, True)


def test_dimension_not_assessed_makes_the_average_partial(tiny):
    assessment(tiny, "x", "{a: 2, b: 3, d: 4, e: 4}")
    a, model = only(load(tiny))
    g1, g2 = mt.group_averages(a, model)
    assert (g1.average, g1.scored, g1.na, g1.missing, g1.partial) == (2.5, 2, 0, 1, True)
    assert g2.partial is False


def test_group_with_nothing_scored_has_no_average(tiny):
    assessment(tiny, "x", '{a: 2, b: 3, c: 3, d: "n/a"}')
    a, model = only(load(tiny))
    g2 = mt.group_averages(a, model)[1]
    assert (g2.exact, g2.average, g2.scored, g2.na, g2.missing, g2.partial) == (None, None, 0, 1, 1, True)


def test_administration_defaults_to_the_plans(tiny):
    assessment(tiny, "own", "{a: 2}")
    assessment(tiny, "other", "{a: 2}", who="Customs of Elsewhere")
    names = {g.administration for g in mt.all_group_averages(load(tiny))}
    assert names == {"Customs Service of Testland", "Customs of Elsewhere"}


# ------------------------------------------------------------------ areas across administrations

def test_area_average_uses_each_administrations_latest_assessment(tiny):
    assessment(tiny, "x-2025", "{a: 1, b: 1}", when="2025-01-01", who="X")
    assessment(tiny, "x-2026", '{a: 3, b: "n/a"}', when="2026-01-01", who="X")
    assessment(tiny, "y", "{a: 4, b: 2}", who="Y")
    assessment(tiny, "z", "{a: 2}", who="Z")
    areas = {a.dimension: a for a in mt.area_averages(load(tiny), "tiny")}
    assert (areas["a"].exact, areas["a"].scored, areas["a"].administrations) == (Decimal(3), 3, 3)  # (3+4+2)/3
    assert (areas["b"].average, areas["b"].scored, areas["b"].na, areas["b"].missing) == (2.0, 1, 1, 1)
    assert areas["c"].average is None and areas["c"].missing == 3
    assert [a.dimension for a in mt.area_averages(load(tiny), "tiny")] == ["a", "b", "c", "d", "e"]


def test_latest_assessments_as_of(tiny):
    assessment(tiny, "x-2025", "{a: 1}", when="2025-01-01", who="X")
    assessment(tiny, "x-2026", "{a: 3}", when="2026-01-01", who="X")
    loaded = load(tiny)
    assert [a.date for a in mt.latest_assessments(loaded, "tiny")] == [date(2026, 1, 1)]
    assert [a.date for a in mt.latest_assessments(loaded, "tiny", as_of=date(2025, 6, 1))] == [date(2025, 1, 1)]


# ------------------------------------------------------------------ bands, at risk, eligibility

def test_band_is_the_greatest_min_at_or_below(tiny):
    model = load(tiny).models["tiny"]
    band = lambda v: (mt.band_of(model, v) or type("N", (), {"id": None})).id  # noqa: E731
    assert [band(v) for v in (1, 1.99, 2.0, 3.49, 3.5, 5)] == ["low", "low", "mid", "mid", "high", "high"]
    assert mt.band_of(model, 0.5) is None and mt.band_of(model, None) is None
    assert mt.risk_threshold(model) == 2.0


def test_areas_at_risk_default_and_custom_threshold(tiny):
    assessment(tiny, "x", '{a: 1.9, b: 2.0, c: "n/a", d: 2.4}')
    a, model = only(load(tiny))
    assert mt.areas_at_risk(a, model) == ("a",)  # 2.0 is not below 2.0; n/a and missing are not judged
    assert mt.areas_at_risk(a, model, threshold=2.5) == ("a", "b", "d")


def test_model_without_bands_has_no_threshold(ws):
    ws.write("guidelines/tiny.yaml", TINY.split("bands:")[0])
    assessment(ws, "x", "{a: 1}")
    a, model = only(load(ws))
    assert mt.risk_threshold(model) is None and mt.areas_at_risk(a, model) == ()
    assert mt.eligibility(a, model).level is None


def test_eligibility_is_the_band_every_group_reaches(tiny):
    assessment(tiny, "x", "{a: 4, b: 3.6, c: 3.8, d: 3.0, e: 2.8}")  # g1 3.8 high, g2 2.9 mid
    a, model = only(load(tiny))
    e = mt.eligibility(a, model)
    assert e.level.id == "mid" and not e.partial
    assert e.at_risk == () and e.below_level == ()


def test_eligibility_compares_the_published_figure(tiny):
    # g1 = (3.4 + 3.5) / 2 = 3.45, published as 3.5: at the 3.5 threshold. Partial (c is n/a).
    assessment(tiny, "x", '{a: 3.4, b: 3.5, c: "n/a", d: 4, e: 4}')
    a, model = only(load(tiny))
    e = mt.eligibility(a, model)
    assert e.level.id == "high" and e.partial
    assert e.below_level == ("a",)  # 3.4 is under the high level's 3.5


def test_not_eligible_when_a_group_is_at_risk_or_unscored(tiny):
    assessment(tiny, "x", "{a: 4, b: 4, c: 4, d: 1.5, e: 2.0}")  # g2 1.75 -> 1.8, low
    assessment(tiny, "y", '{a: 4, b: 4, c: 4, d: "n/a"}', who="Y")  # g2 has no average
    loaded = load(tiny)
    model = loaded.models["tiny"]
    results = {e.administration: e for e in (mt.eligibility(a, model, loaded.plan) for a in loaded.assessments)}
    assert results["Customs Service of Testland"].level is None
    assert results["Customs Service of Testland"].at_risk == ("d",)
    assert results["Y"].level is None


# ------------------------------------------------------------------ ranking

def test_ranking_ties_on_the_published_figure(tiny):
    assessment(tiny, "p", "{d: 2.96, e: 2.96}", who="P")  # 2.96 -> 3.0
    assessment(tiny, "q", "{d: 3.04, e: 3.04}", who="Q")  # 3.04 -> 3.0
    assessment(tiny, "r", "{d: 2.5, e: 2.5}", who="R")
    assessment(tiny, "s", "{d: 4, e: 4}", who="S")
    assessment(tiny, "t", '{d: "n/a", e: "n/a"}', who="T")  # no average: not ranked
    ranked = mt.rank_administrations(mt.all_group_averages(load(tiny)), "g2")
    assert [(r.rank, r.item.administration) for r in ranked] == [(1, "S"), (2, "Q"), (2, "P"), (4, "R")]
    ascending = mt.rank([r.item for r in ranked], descending=False)
    assert [(r.rank, r.item.administration) for r in ascending] == [(1, "R"), (2, "P"), (2, "Q"), (4, "S")]


# ------------------------------------------------------------------ change between assessments

def test_change_between_two_assessments(tiny):
    assessment(tiny, "before", '{a: 2, b: "n/a", c: 2.5, d: 1.5, e: 2}', when="2025-03-01")
    assessment(tiny, "after", "{a: 2.8, b: 3, c: 2.5, d: 2.5, e: 2}", when="2026-03-01")
    loaded = load(tiny)
    (change,) = mt.changes(loaded)
    assert (change.before, change.after) == (date(2025, 3, 1), date(2026, 3, 1))
    deltas = {d.dimension: d.delta for d in change.dimensions}
    assert deltas["a"] == pytest.approx(0.8) and deltas["b"] is None and deltas["c"] == 0.0
    # g1: 2.25 -> 2.3 (partial) before, 8.3/3 = 2.77 -> 2.8 after: +0.5 as published
    before_g1, after_g1 = change.groups[0]
    assert (before_g1.average, before_g1.partial, after_g1.average, after_g1.partial) == (2.3, True, 2.8, False)
    assert change.group_delta("g1") == 0.5
    assert change.group_delta("g2") == 0.5  # 1.75 -> 1.8, 2.25 -> 2.3


def test_compare_orders_by_date_and_refuses_other_administrations(tiny):
    assessment(tiny, "x1", "{a: 1}", when="2026-01-01", who="X")
    assessment(tiny, "x2", "{a: 2}", when="2025-01-01", who="X")
    assessment(tiny, "y", "{a: 3}", who="Y")
    loaded = load(tiny)
    by_path = {a.path: a for a in loaded.assessments}
    model = loaded.models["tiny"]
    c = mt.compare(by_path["assessments/x1.yaml"], by_path["assessments/x2.yaml"], model)
    assert c.before == date(2025, 1, 1) and c.dimensions[0].delta == -1.0  # 2 (2025) -> 1 (2026)
    with pytest.raises(ValueError, match="same administration"):
        mt.compare(by_path["assessments/x1.yaml"], by_path["assessments/y.yaml"], model)


def test_changes_pairs_consecutive_assessments(tiny):
    for n, when in enumerate(("2024-01-01", "2026-01-01", "2025-01-01")):
        assessment(tiny, f"x{n}", f"{{a: {n + 1}}}", when=when)
    pairs = [(c.before.year, c.after.year) for c in mt.changes(load(tiny))]
    assert pairs == [(2024, 2025), (2025, 2026)]
