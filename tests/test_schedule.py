"""Hand-worked cases for every rule of "Dates and dependencies (exact semantics)".

Each test states the dates a planner would work out on paper. Durations are
inclusive: 2026-01-01..2026-01-31 is 31 days.
"""
from __future__ import annotations

from portfolio.schedule import Conflict, schedule

from schedule_samples import d, proj, workspace


def dates(sched, pid):
    s = sched.projects[pid]
    return (str(s.forecast_start), str(s.forecast_end)) if s.forecast_start else None


# --- forecast ----------------------------------------------------------------------------------

def test_no_dependencies_forecast_is_the_plan():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-01-31")))
    a = s.projects["a"]
    assert dates(s, "a") == ("2026-01-01", "2026-01-31")
    assert (a.slip_days, a.float_days, a.critical) == (0, 0, True)
    assert s.finish == d("2026-01-31") and s.critical_path == ("a",) and s.conflicts == ()


def test_finish_to_start_moves_the_dependent_keeping_its_duration():
    # b is planned to overlap a by 16 days; it can start only on 04-01 and keeps its 30 days.
    s = schedule(workspace(proj("a", "2026-01-01", "2026-03-31"),
                           proj("b", "2026-03-16", "2026-04-14", deps=["a"])))
    assert dates(s, "b") == ("2026-04-01", "2026-04-30")
    assert s.projects["b"].slip_days == 16
    assert s.projects["b"].driven_by == ("a",)
    assert s.conflicts == (Conflict("b", "a", 0, d("2026-03-16"), d("2026-04-01")),)
    assert s.conflicts[0].days == 16


def test_same_day_boundaries():
    """Starting on the predecessor's last day is one day too early; the day after is exactly right."""
    s = schedule(workspace(
        proj("a", "2026-01-01", "2026-01-31"),
        proj("same-day", "2026-01-31", "2026-02-09", deps=["a"]),  # 10 days, starts on a's end: moves 1
        proj("next-day", "2026-02-01", "2026-02-10", deps=["a"]),  # exactly allowed: stays
        proj("two-days", "2026-02-02", "2026-02-11", deps=["a"]),  # one day of slack: stays
    ))
    assert dates(s, "same-day") == ("2026-02-01", "2026-02-10")
    assert s.projects["same-day"].slip_days == 1
    assert dates(s, "next-day") == ("2026-02-01", "2026-02-10")
    assert s.projects["next-day"].slip_days == 0
    assert s.projects["next-day"].driven_by == ()  # its own planned start governs (a tie)
    assert dates(s, "two-days") == ("2026-02-02", "2026-02-11")
    assert [(c.project, c.days) for c in s.conflicts] == [("same-day", 1)]
    # two-days ends last alone: only it is critical; a reaches it with one day to spare.
    assert s.critical_path == ("two-days",)
    assert s.projects["a"].float_days == 1
    assert s.projects["next-day"].float_days == 1


def test_a_tie_with_the_planned_start_is_still_on_the_critical_path():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-01-31"),
                           proj("b", "2026-02-01", "2026-02-28", deps=["a"])))
    assert s.critical_path == ("a", "b")
    assert s.projects["a"].float_days == 0


def test_one_day_project():
    s = schedule(workspace(proj("a", "2026-01-05", "2026-01-05"),
                           proj("b", "2026-01-05", "2026-01-05", deps=["a"])))
    assert dates(s, "b") == ("2026-01-06", "2026-01-06")
    assert s.projects["b"].slip_days == 1


def test_lag_adds_calendar_days():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-01-31"),
                           proj("b", "2026-01-15", "2026-01-24", deps=[("a", 30)])))
    # 01-31 + 1 + 30 = 03-03 (2026 is not a leap year); 10 days long.
    assert dates(s, "b") == ("2026-03-03", "2026-03-12")
    assert s.conflicts[0].lag == 30 and s.conflicts[0].earliest_start == d("2026-03-03")


def test_negative_lag_is_a_lead():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-01-31"),
                           proj("b", "2026-01-10", "2026-01-19", deps=[("a", -5)]),
                           proj("c", "2026-02-10", "2026-02-19", deps=[("a", -5)])))
    # b may start 5 days before the day after a ends: 01-27.
    assert dates(s, "b") == ("2026-01-27", "2026-02-05")
    assert dates(s, "c") == ("2026-02-10", "2026-02-19")  # later than allowed: unchanged
    # a may end as late as 02-14: b (5-day lead) or c then start on 02-10 and end by the finish 02-19.
    assert s.projects["a"].float_days == 14


def test_a_chain_accumulates_shifts():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-03-31"),
                           proj("b", "2026-03-01", "2026-03-31", deps=["a"]),
                           proj("c", "2026-04-01", "2026-04-30", deps=[("b", 7)])))
    assert dates(s, "b") == ("2026-04-01", "2026-05-01")
    assert dates(s, "c") == ("2026-05-09", "2026-06-07")
    assert [s.projects[x].slip_days for x in "abc"] == [0, 31, 38]
    assert s.critical_path == ("a", "b", "c")
    assert s.projects["c"].driven_by == ("b",)


def test_diamond_longer_branch_drives_and_is_critical():
    s = schedule(workspace(
        proj("a", "2026-01-01", "2026-01-31"),
        proj("long", "2026-02-01", "2026-04-30", deps=["a"]),
        proj("short", "2026-02-01", "2026-02-28", deps=["a"]),
        proj("d", "2026-03-01", "2026-03-31", deps=["long", "short"]),
    ))
    assert dates(s, "d") == ("2026-05-01", "2026-05-31")
    assert s.projects["d"].driven_by == ("long",)
    assert s.critical_path == ("a", "long", "d")
    assert s.projects["short"].float_days == 61  # 03-01 .. 04-30 of room
    assert s.projects["short"].critical is False


def test_diamond_tie_makes_both_branches_critical():
    s = schedule(workspace(
        proj("a", "2026-01-01", "2026-01-31"),
        proj("b", "2026-02-01", "2026-02-28", deps=["a"]),
        proj("c", "2026-02-01", "2026-02-28", deps=["a"]),
        proj("d", "2026-03-01", "2026-03-31", deps=["b", "c"]),
    ))
    assert set(s.critical_path) == {"a", "b", "c", "d"}
    assert s.projects["d"].driven_by == ()  # planned start ties with both: nothing pushed it


def test_every_project_ending_latest_starts_a_walk():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-06-30"),
                           proj("b", "2026-03-01", "2026-06-30"),
                           proj("c", "2026-01-01", "2026-02-28")))
    assert s.critical_path == ("a", "b")
    assert s.projects["c"].float_days == 122


# --- completed, cancelled, on-hold --------------------------------------------------------------

def test_completed_project_keeps_its_planned_dates_even_against_a_dependency():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-03-31"),
                           proj("done", "2026-02-01", "2026-02-28", status="completed", deps=["a"])))
    assert dates(s, "done") == ("2026-02-01", "2026-02-28")
    assert s.projects["done"].slip_days == 0
    assert s.conflicts == ()  # history is not a planning conflict


def test_dependent_of_a_completed_project_waits_for_its_planned_end():
    s = schedule(workspace(proj("late", "2026-01-01", "2026-12-31"),
                           proj("done", "2026-01-01", "2026-02-28", status="completed", deps=["late"]),
                           proj("b", "2026-02-15", "2026-03-16", deps=["done"])))
    assert dates(s, "done") == ("2026-01-01", "2026-02-28")  # not pushed by `late`
    assert dates(s, "b") == ("2026-03-01", "2026-03-30")


def test_critical_walk_stops_at_a_completed_project():
    s = schedule(workspace(
        proj("first", "2025-10-01", "2025-12-31", status="completed"),
        proj("done", "2026-01-01", "2026-01-31", status="completed", deps=["first"]),  # tie with first
        proj("b", "2026-02-01", "2026-06-30", deps=["done"]),
    ))
    assert s.critical_path == ("done", "b")  # done is critical itself; the walk does not go past it
    assert s.projects["first"].critical is False
    assert s.projects["first"].float_days > 0


def test_cancelled_project_is_out_and_its_dependencies_are_dropped_not_passed_through():
    s = schedule(workspace(
        proj("a", "2026-01-01", "2026-06-30"),
        proj("gone", "2026-07-01", "2026-09-30", status="cancelled", deps=["a"]),
        proj("c", "2026-02-01", "2026-02-28", deps=["gone"]),
    ))
    gone = s.projects["gone"]
    assert (gone.forecast_start, gone.forecast_end, gone.slip_days, gone.float_days, gone.critical) == \
        (None, None, None, None, False)
    assert dates(s, "c") == ("2026-02-01", "2026-02-28")  # waits for neither gone nor a
    assert s.links == ()  # a -> gone and gone -> c both dropped
    assert s.critical_path == ("a",)


def test_cancelled_project_milestones_are_not_forecast():
    s = schedule(workspace(proj("gone", "2026-01-01", "2026-02-28", status="cancelled",
                                milestones=[("kick-off", "2026-01-10")])))
    assert s.milestones == () and s.finish is None and s.critical_path == ()


def test_on_hold_is_scheduled_like_the_others():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-01-31"),
                           proj("held", "2026-01-15", "2026-01-24", status="on-hold", deps=["a"]),
                           proj("c", "2026-01-20", "2026-01-29", deps=["held"])))
    assert dates(s, "held") == ("2026-02-01", "2026-02-10")
    assert dates(s, "c") == ("2026-02-11", "2026-02-20")


def test_dependency_on_an_unloaded_project_is_skipped():
    s = schedule(workspace(proj("b", "2026-03-01", "2026-03-31", deps=["broken-file", "a"]),
                           proj("a", "2026-01-01", "2026-01-31")))
    assert dates(s, "b") == ("2026-03-01", "2026-03-31")
    assert [(x.predecessor, x.successor) for x in s.links] == [("a", "b")]


def test_duplicate_dependency_keeps_the_larger_lag():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-01-31"),
                           proj("b", "2026-02-01", "2026-02-10", deps=["a", ("a", 9)])))
    assert dates(s, "b") == ("2026-02-10", "2026-02-19")


# --- cycles --------------------------------------------------------------------------------------

def test_cycle_is_left_at_planned_dates_and_reported():
    s = schedule(workspace(
        proj("x", "2026-01-01", "2026-01-31", deps=["y"]),
        proj("y", "2026-01-15", "2026-02-15", deps=["x"]),
        proj("after", "2026-01-20", "2026-01-29", deps=["y"]),
        proj("free", "2026-01-01", "2026-01-10"),
    ))
    assert s.cyclic == ("x", "y")
    assert dates(s, "x") == ("2026-01-01", "2026-01-31") and dates(s, "y") == ("2026-01-15", "2026-02-15")
    assert s.projects["x"].cyclic and not s.projects["after"].cyclic
    assert dates(s, "after") == ("2026-02-16", "2026-02-25")  # waits for y's planned end
    assert s.critical_path == ("y", "after")  # the walk stops at y, left at its planned dates


def test_self_dependency_is_a_cycle_of_one():
    s = schedule(workspace(proj("me", "2026-01-01", "2026-01-31", deps=["me"])))
    assert s.cyclic == ("me",) and dates(s, "me") == ("2026-01-01", "2026-01-31")


def test_cycle_through_a_cancelled_or_completed_project_is_no_cycle_for_the_schedule():
    s = schedule(workspace(
        proj("a", "2026-01-01", "2026-01-31", deps=["gone"]),
        proj("gone", "2026-02-01", "2026-02-28", status="cancelled", deps=["a"]),
        proj("b", "2026-03-01", "2026-03-31", deps=["done"]),
        proj("done", "2026-01-01", "2026-02-28", status="completed", deps=["b"]),
    ))
    assert s.cyclic == ()
    assert dates(s, "b") == ("2026-03-01", "2026-03-31")


def test_long_chain_has_no_recursion_limit():
    projects = [proj(f"p{i}", "2026-01-01", "2026-01-01", deps=[f"p{i - 1}"] if i else []) for i in range(5000)]
    s = schedule(workspace(*projects))
    assert s.projects["p4999"].forecast_start == d("2026-01-01").fromordinal(d("2026-01-01").toordinal() + 4999)
    assert len(s.critical_path) == 5000


# --- milestones ----------------------------------------------------------------------------------

def test_milestones_move_with_the_forecast_start_unless_done():
    s = schedule(workspace(
        proj("a", "2026-01-01", "2026-03-31"),
        proj("b", "2026-03-22", "2026-06-30", deps=["a"],  # starts 10 days later
             milestones=[("design", "2026-04-15"), ("pilot", "2026-05-20", True)]),
        proj("c", "2026-01-01", "2026-01-31", status="completed", milestones=[("live", "2026-01-31")]),
    ))
    moved = {(x.project, x.name): (x.forecast, x.moved_days, x.key) for x in s.milestones}
    assert moved[("b", "design")] == (d("2026-04-25"), 10, "b/m1")
    assert moved[("b", "pilot")] == (d("2026-05-20"), 0, "b/m2")
    assert moved[("c", "live")] == (d("2026-01-31"), 0, "c/m1")


# --- frames -------------------------------------------------------------------------------------

def test_frame_has_the_cli_columns_and_keeps_cancelled_rows():
    s = schedule(workspace(proj("a", "2026-01-01", "2026-01-31"),
                           proj("gone", "2026-01-01", "2026-01-31", status="cancelled")))
    f = s.frame()
    assert list(f.columns[:8]) == ["id", "planned_start", "planned_end", "forecast_start", "forecast_end",
                                   "slip_days", "float_days", "critical"]
    assert f.set_index("id").loc["gone", "forecast_end"] is None
    assert str(f["slip_days"].dtype) == "Int64"


def test_empty_workspace():
    s = schedule(workspace())
    assert (s.finish, s.critical_path, s.cyclic, s.conflicts, dict(s.projects)) == (None, (), (), (), {})
