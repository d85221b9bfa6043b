"""Invariants of maturity scoring and projection, on generated scores and deliveries."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio import maturity as mt
from portfolio import model as m
from portfolio import projection as pj

MODEL = m.MaturityModel(
    id="tiny", name="Tiny", source="tests", scale=m.Scale(1, 5),
    groups=(m.DimensionGroup("g1", "G1", tuple(m.Dimension(d, d.upper()) for d in "abc")),
            m.DimensionGroup("g2", "G2", tuple(m.Dimension(d, d.upper()) for d in "de"))),
    bands=(m.Band("low", "Low", 1), m.Band("mid", "Mid", 2.0), m.Band("high", "High", 3.5)),
)
ONE_DECIMAL = st.integers(10, 50).map(lambda n: n / 10)  # 1.0 .. 5.0 as planners write them
CELL = st.one_of(st.just("absent"), st.just(None), ONE_DECIMAL)  # None = "n/a"


def assessment(cells: dict) -> m.Assessment:
    scores = {d: v for d, v in cells.items() if v != "absent"}
    return m.Assessment(path="assessments/x.yaml", model="tiny", date=date(2026, 1, 1), scores=scores,
                        administration="X")


@given(st.integers(0, 10**6))
def test_round_half_up_matches_integer_arithmetic(hundredths):
    # k/100 to one decimal, half up: add 5 hundredths and drop the last digit
    expected = Decimal((hundredths + 5) // 10) / 10
    assert mt.round_half_up(Decimal(hundredths) / 100) == float(expected)


@given(st.fixed_dictionaries({d: CELL for d in "abcde"}))
def test_group_average_invariants(cells):
    for g, avg in zip(MODEL.groups, mt.group_averages(assessment(cells), MODEL)):
        values = [cells[d.id] for d in g.dimensions if cells[d.id] not in ("absent", None)]
        assert avg.scored + avg.na + avg.missing == len(g.dimensions)
        assert avg.partial == (len(values) < len(g.dimensions))
        if values:
            assert mt.to_decimal(min(values)) <= avg.exact <= mt.to_decimal(max(values))
            assert min(values) <= avg.average <= max(values)  # one-decimal scores: rounding stays inside
            assert abs(Decimal(str(avg.average)) - avg.exact) <= Decimal("0.05")
        else:
            assert avg.exact is None and avg.average is None


@given(st.fixed_dictionaries({d: CELL for d in "abcde"}), st.integers(10, 50).map(lambda n: n / 10))
def test_at_risk_is_exactly_the_scores_below_the_threshold(cells, threshold):
    risky = mt.areas_at_risk(assessment(cells), MODEL, threshold)
    assert set(risky) == {d for d, v in cells.items() if v not in ("absent", None) and v < threshold}


DAY0 = date(2026, 1, 1)
DELIVERY = st.tuples(st.integers(0, 1500), st.integers(10, 50).map(lambda n: n / 10))


@settings(max_examples=200)
@given(st.lists(DELIVERY, max_size=8), ONE_DECIMAL, ONE_DECIMAL, st.integers(0, 1500))
def test_projection_is_a_rising_step_function(deliveries, baseline, target_level, target_day):
    ds = tuple(sorted((pj.Delivery(f"p{i}", DAY0 + timedelta(days=day), level)
                       for i, (day, level) in enumerate(deliveries)), key=lambda d: (d.date, d.project)))
    t = pj.Trajectory("tiny", "a", "A", "g1", baseline, DAY0, "x", ds, ())
    levels = [t.level_on(DAY0 + timedelta(days=n)) for n in range(-1, 1502, 50)]
    assert levels == sorted(levels) and min(levels) >= baseline
    assert t.level_on(DAY0 + timedelta(days=2000)) == max([baseline] + [d.level for d in ds])
    for before, after in zip((baseline,) + tuple(s.level for s in t.steps), t.steps):
        assert after.level > before

    target = m.Target("tiny", "a", target_level, DAY0 + timedelta(days=target_day))
    result = pj.assess_target(target, t)
    assert (result.outcome == "met") == (t.level_on(target.by) >= target_level)
    if result.outcome == "late":
        assert result.days_late > 0 and t.level_on(result.reached_on) >= target_level
        assert t.level_on(result.reached_on - timedelta(days=1)) < target_level
    if result.outcome in ("short", "no-project"):
        assert t.level_on(DAY0 + timedelta(days=2000)) < target_level
        assert (result.outcome == "no-project") == (not ds)
