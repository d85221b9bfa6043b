"""The Timeline and Dependencies pages' logic through AppTest (the browser test sees them drawn)."""
from __future__ import annotations

from pathlib import Path


REPO = Path(__file__).resolve().parents[1]
TIMELINE = str(REPO / "ui" / "timeline.py")
DEPENDENCIES = str(REPO / "ui" / "dependencies.py")


def app(page: str, monkeypatch, workspace: Path | None = None, query: dict | None = None):
    from streamlit.testing.v1 import AppTest

    if workspace is None:
        monkeypatch.delenv("PORTFOLIO_WORKSPACE", raising=False)
    else:
        monkeypatch.setenv("PORTFOLIO_WORKSPACE", str(workspace))
    at = AppTest.from_file(page, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def ok(at):
    assert not at.exception, [e.message for e in at.exception]
    return at


def charts(at) -> list[dict]:
    """This page's timeline charts (other features may add theirs below), as spec + `rows` of their data."""
    import json

    import pyarrow as pa

    out = []
    for c in at.get("vega_lite_chart"):
        spec = json.loads(c.proto.spec)
        if not spec.get("description", "").startswith("Timeline of "):
            continue
        (dataset,) = c.proto.datasets
        spec["rows"] = pa.ipc.open_stream(dataset.data.data).read_pandas().to_dict("records")
        out.append(spec)
    return out


def test_timeline_on_the_example(monkeypatch):
    at = ok(app(TIMELINE, monkeypatch))
    assert at.title[0].value == "Timeline"
    assert "3 projects on the critical path" in at.caption[0].value
    assert at.segmented_control(key="timeline-view").value == "Projects"
    (spec,) = charts(at)
    assert spec["facet"]["row"]["field"] == "programme"
    assert at.number_input(key="timeline-page").value == 1


def test_timeline_programme_view_and_opening_one(monkeypatch):
    at = app(TIMELINE, monkeypatch)
    at.segmented_control(key="timeline-view").set_value("Programmes").run()
    ok(at)
    (spec,) = charts(at)
    assert "facet" not in spec
    at.selectbox(key="timeline-open").set_value("prg-single-window").run()
    ok(at)
    assert len(charts(at)) == 2


def test_timeline_critical_only_and_status_colours(monkeypatch):
    at = app(TIMELINE, monkeypatch)
    at.toggle(key="timeline-critical").set_value(True).run()
    at.segmented_control(key="timeline-colour").set_value("status").run()
    ok(at)
    assert "Projects 1–3 of 3" in " ".join(c.value for c in at.caption)


def test_timeline_what_if_lists_moves_and_misses(monkeypatch):
    at = app(TIMELINE, monkeypatch)
    at.multiselect(key="whatif-projects").set_value(["national-single-window"]).run()
    at.number_input(key="whatif-days").set_value(95).run()
    ok(at)
    assert any("moves **1 project** and **3 milestones**" in md.value for md in at.markdown)
    errors = " ".join(e.value for e in at.error)
    assert "Misses target wco\\-dcmm/single\\-window level 3" in errors
    assert "A connected border" in errors


def test_timeline_follows_the_shared_filters_in_the_url(monkeypatch):
    at = ok(app(TIMELINE, monkeypatch, query={"programme": "prg-risk-intelligence"}))
    assert any("of 31 projects" in i.value for i in at.info)


def test_timeline_large_portfolio_opens_per_programme(monkeypatch, tmp_path):
    root = big_workspace(tmp_path, 400)
    at = ok(app(TIMELINE, monkeypatch, root))
    assert at.segmented_control(key="timeline-view").value == "Programmes"
    at.segmented_control(key="timeline-view").set_value("Projects").run()
    ok(at)
    (spec,) = charts(at)
    assert len({r["id"] for r in spec["rows"] if r["kind"] == "planned"}) == 50


def test_dependencies_on_the_example(monkeypatch):
    at = ok(app(DEPENDENCIES, monkeypatch))
    assert at.title[0].value == "Dependencies"
    assert at.selectbox(key="dependencies-project").value == "ecommerce-low-value"  # the end of the critical path
    (graph,) = at.get("graphviz_chart")
    assert graph.proto.spec.startswith("digraph dependencies {")
    assert [s.value for s in at.main.subheader] == ["Waits for (4)", "Holds up (0)", "Critical path (3)"]


def test_dependencies_deep_link_and_scopes(monkeypatch):
    at = ok(app(DEPENDENCIES, monkeypatch, query={"project": "risk-engine"}))
    assert at.selectbox(key="dependencies-project").value == "risk-engine"
    assert [s.value for s in at.main.subheader][:2] == ["Waits for (2)", "Holds up (2)"]
    at.segmented_control(key="dependencies-scope").set_value("focus").run()
    ok(at)
    spec = at.get("graphviz_chart")[0].proto.spec
    assert '"risk-engine"' in spec and '"post-clearance-audit"' in spec and '"e-manifest" [' not in spec


def test_pages_with_a_cycle_say_so(monkeypatch, ws):
    ws.project("x", "depends_on: [y]\n")
    ws.project("y", "depends_on: [x]\n")
    for page in (TIMELINE, DEPENDENCIES):
        at = ok(app(page, monkeypatch, ws.root))
        assert any("cycle" in e.value for e in at.error)


def test_pages_with_no_project(monkeypatch, ws):
    for page in (TIMELINE, DEPENDENCIES):
        at = ok(app(page, monkeypatch, ws.root))
        assert at.info


def big_workspace(tmp_path: Path, n: int) -> Path:
    """n project files with dependencies, written as YAML (the app loads a folder)."""
    import random

    rng = random.Random(7)
    root = tmp_path / "big"
    (root / "projects").mkdir(parents=True)
    progs = "\n".join(f"  - {{id: prg-{i}, name: Programme {i}}}" for i in range(8))
    (root / "plan.yaml").write_text("administration: Big\nname: Big plan\nperiod: {start: 2026-01-01, end: 2030-12-31}\n"
                                    f"programmes:\n{progs}\n", encoding="utf-8")
    for i in range(n):
        deps = sorted({f"p{rng.randrange(i)}" for _ in range(rng.randrange(3))}) if i else []
        start = 1 + rng.randrange(11)
        (root / "projects" / f"p{i}.yaml").write_text(
            f"name: Project {i}\nstatus: approved\nprogramme: prg-{i % 8}\nstart: 2027-{start:02d}-01\n"
            f"end: 2028-{start:02d}-15\ndepends_on: [{', '.join(deps)}]\n", encoding="utf-8")
    return root

