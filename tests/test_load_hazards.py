"""Every hazard of reading a workspace file, each on its own broken fixture.

Expected problems are stated by position, so a test reads like the YAML under test.
"""
from __future__ import annotations

import time
import tracemalloc

from portfolio import yamldoc


def only(ws, path: str):
    issues = [i for i in ws.load().issues if i.path == path]
    assert len(issues) == 1, [i.format() for i in issues]
    return issues[0]


def write_catalog(ws, *children: tuple[str, str]) -> None:
    """guidelines/cat.yaml: catalog `cat` with parent item "7" over the given (id, title) children."""
    items = "".join(f'  - {{id: "{cid}", title: {title}, parent: "7"}}\n' for cid, title in children)
    ws.write("guidelines/cat.yaml", 'kind: catalog\nid: cat\nname: Test catalog\nsource: test\nitems:\n'
             '  - {id: "7", title: Seven}\n' + items)


def test_valid_workspace_has_no_issues(ws):
    ws.project("e-manifest", "programme: prog-a\nobjectives: [obj-a]\n")
    loaded = ws.load()
    assert loaded.issues == ()
    assert set(loaded.projects) == {"e-manifest"}
    assert loaded.plan.currency == "USD"


def test_yaml_syntax_error_names_line_and_column(ws):
    ws.write("projects/broken.yaml", """\
        name: Broken
        status: approved
        start: [2026-01-01
        end: 2026-02-01
        """)
    issue = only(ws, "projects/broken.yaml")
    assert (issue.line, issue.code) == (4, "syntax")
    assert issue.message.startswith("YAML syntax:")


def test_broken_file_does_not_take_others_down(ws):
    ws.write("projects/broken.yaml", "name: [unclosed\n")
    ws.project("fine")
    loaded = ws.load()
    assert set(loaded.projects) == {"fine"}
    assert loaded.unloaded == ("projects/broken.yaml",)


def test_duplicate_key_is_an_error_not_last_wins(ws):
    ws.project("dup", "status: completed\n")
    issue = only(ws, "projects/dup.yaml")
    assert (issue.line, issue.column, issue.code) == (5, 1, "duplicate-key")
    assert "status: duplicate key (first at line 2)" in issue.message


def test_wrong_status_lists_allowed_values(ws):
    ws.write("projects/e-manifest.yaml", """\
        name: E-manifest
        status: ongoing
        start: 2026-01-01
        end: 2026-02-01
        """)
    issue = only(ws, "projects/e-manifest.yaml")
    assert issue.format() == ("projects/e-manifest.yaml:2:9: error: status: 'ongoing' is not one of proposed, "
                              "approved, in-progress, on-hold, completed, cancelled [enum]")


def test_wrong_type_names_field_path(ws):
    ws.project("p", "budget: {planned: lots, funding: internal}\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.column, issue.code) == (5, 19, "type")
    assert issue.message == "budget.planned: expected a number, found text 'lots'"


def test_impossible_date(ws):
    ws.write("projects/p.yaml", "name: P\nstatus: approved\nstart: 2025-02-30\nend: 2026-01-01\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.column, issue.code) == (3, 8, "date")
    assert issue.message.startswith("start: 2025-02-30 is not a calendar date")


def test_timestamp_is_not_a_date(ws):
    ws.write("projects/p.yaml", "name: P\nstatus: approved\nstart: 2026-01-01 10:00:00\nend: 2026-02-01\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.code) == (3, "date")
    assert "is a timestamp; give a date like 2026-01-01" in issue.message


def test_quoted_date_is_accepted(ws):
    ws.write("projects/p.yaml", "name: P\nstatus: approved\nstart: '2026-01-01'\nend: \"2026-02-01\"\n")
    assert ws.load().issues == ()


def test_end_before_start(ws):
    ws.write("projects/p.yaml", "name: P\nstatus: approved\nstart: 2026-05-01\nend: 2026-04-30\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.column, issue.code) == (4, 6, "date-order")
    assert issue.message.startswith("end: 2026-04-30 is before start 2026-05-01")


def test_one_day_project_is_fine(ws):
    ws.write("projects/p.yaml", "name: P\nstatus: approved\nstart: 2026-05-01\nend: 2026-05-01\n")
    assert ws.load().projects["p"].duration_days == 1


def test_id_differing_from_file_name(ws):
    ws.project("e-manifest", "id: emanifest\n")
    issue = only(ws, "projects/e-manifest.yaml")
    assert (issue.line, issue.column, issue.code) == (5, 5, "id-mismatch")
    assert "'emanifest' differs from the file name 'e-manifest'" in issue.message


def test_invalid_file_name(ws):
    ws.project("E_Manifest")
    issue = only(ws, "projects/E_Manifest.yaml")
    assert issue.code == "file-name"


def test_yaml11_boolean_where_text_expected(ws):
    ws.project("p", "owner: NO\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.column, issue.code) == (5, 8, "quote")
    assert issue.message == 'owner: YAML reads NO as a boolean, not text; quote it: "NO"'


def test_yaml11_on_and_yes_where_text_expected(ws):
    ws.project("p", "owner: on\nsponsor: yes\n")
    issues = [(i.line, i.code) for i in ws.load().issues]
    assert issues == [(5, "quote"), (6, "quote")]


def test_number_where_item_id_expected_says_quote(ws):
    write_catalog(ws, ("7.10", "Seven ten"), ("7.1", "Seven one"))
    ws.project("p", "guidelines:\n  cat: [7.10]\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.column, issue.code) == (6, 9, "quote")
    assert issue.message == 'guidelines.cat[0]: YAML reads 7.10 as a number, not text; quote it: "7.10"'


def test_null_where_text_expected(ws):
    ws.project("p", "owner:\nsponsor: ~\n")
    issues = ws.load().issues
    assert [(i.line, i.code) for i in issues] == [(5, "quote"), (6, "quote")]
    assert "write a value or remove the field" in issues[0].message
    assert 'quote it: "~"' in issues[1].message


def test_unknown_objective_and_programme(ws):
    ws.project("p", "programme: prog-x\nobjectives: [obj-a, obj-b]\n")
    issues = ws.load().issues
    assert [(i.line, i.column, i.code) for i in issues] == [(5, 12, "unknown-ref"), (6, 21, "unknown-ref")]
    assert issues[0].message.startswith("programme: no programme 'prog-x' in plan.yaml; known: prog-a")
    assert issues[1].message.startswith("objectives[1]: no objective 'obj-b'")


def test_unknown_dependency(ws):
    ws.project("p", "depends_on: [ghost]\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.column, issue.code) == (5, 14, "unknown-ref")
    assert "no project 'ghost'" in issue.message


def test_dependency_on_unloadable_project_is_not_unknown(ws):
    ws.write("projects/broken.yaml", "name: [x\n")
    ws.project("p", "depends_on: [broken]\n")
    assert [i.path for i in ws.load().issues] == ["projects/broken.yaml"]


def test_self_and_duplicate_dependency(ws):
    ws.project("a")
    ws.project("p", "depends_on:\n  - p\n  - a\n  - {project: a, lag: 5}\n")
    issues = ws.load().issues
    assert [(i.line, i.code) for i in issues] == [(6, "self-dependency"), (8, "duplicate-dependency")]


def test_lag_must_be_whole_days(ws):
    ws.project("a")
    ws.project("p", "depends_on:\n  - {project: a, lag: 1.5}\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.code) == (6, "type")
    assert issue.message == "depends_on[0].lag: expected a whole number, found 1.5"


def test_negative_lag_is_a_lead(ws):
    ws.project("a")
    ws.project("p", "depends_on:\n  - {project: a, lag: -10}\n")
    loaded = ws.load()
    assert loaded.issues == ()
    assert loaded.projects["p"].depends_on[0].lag == -10


def test_dependency_cycle_names_every_file_at_its_entry(ws):
    ws.project("a", "depends_on: [b]\n")
    ws.project("b", "depends_on: [c]\n")
    ws.project("c", "depends_on:\n  - a\n")
    ws.project("d", "depends_on: [a]\n")
    issues = [i for i in ws.load().issues if i.code == "cycle"]
    assert [(i.path, i.line) for i in issues] == [
        ("projects/a.yaml", 5), ("projects/b.yaml", 5), ("projects/c.yaml", 6)]
    assert "dependency cycle a -> b -> c -> a" in issues[0].message
    assert "dependency cycle c -> a -> b -> c" in issues[2].message


def test_cycle_whatever_the_status(ws):
    ws.project("a", "depends_on: [b]\n")
    ws.write("projects/b.yaml", "name: B\nstatus: cancelled\nstart: 2026-01-01\nend: 2026-02-01\ndepends_on: [a]\n")
    assert sorted(i.path for i in ws.load().issues if i.code == "cycle") == ["projects/a.yaml", "projects/b.yaml"]


def test_long_dependency_chain_does_not_hit_recursion_limit(ws):
    for n in range(3000):
        ws.project(f"p{n}", f"depends_on: [p{n + 1}]\n" if n < 2999 else "")
    assert ws.load().issues == ()


def test_unknown_catalog_and_item_and_parent_item(ws):
    write_catalog(ws, ("7.1", "Seven one"), ("7.2", "Seven two"))
    ws.project("p", 'guidelines:\n  cat: ["7", "7.9", "7.1"]\n  nope: ["1"]\n')
    issues = ws.load().issues
    assert [(i.line, i.column, i.code) for i in issues] == [
        (6, 9, "parent-item"), (6, 14, "unknown-ref"), (7, 3, "unknown-ref")]
    assert issues[0].message == "guidelines.cat[0]: '7' groups other items; name the ones this project serves: '7.1', '7.2'"
    assert issues[1].message == "guidelines.cat[1]: cat has no item '7.9'"
    assert issues[2].message.startswith("guidelines.nope: no catalog 'nope'; known: cat")


def test_unknown_maturity_model_and_dimension(ws):
    ws.write("guidelines/mm.yaml", """\
        kind: maturity-model
        id: mm
        name: Model
        source: test
        scale: {min: 1, max: 5}
        groups:
          - id: g
            name: G
            dimensions: [{id: d1, name: D1}]
        """)
    ws.project("p", "delivers:\n  - {model: mm, dimension: d9, level: 3}\n  - {model: zz, dimension: d1, level: 9}\n")
    issues = ws.load().issues
    assert [(i.line, i.code) for i in issues] == [(6, "unknown-ref"), (7, "unknown-ref")]
    assert "mm has no dimension 'd9'; known: d1" in issues[0].message


def test_unknown_field_names_closest(ws):
    ws.project("p", "sumary: typo\n")
    issue = only(ws, "projects/p.yaml")
    assert (issue.line, issue.column, issue.code, issue.severity) == (5, 1, "unknown-field", "warning")
    assert issue.message == "sumary: unknown field; did you mean 'summary'?"


def test_dates_outside_plan_period_warn(ws):
    ws.write("projects/p.yaml", """\
        name: P
        status: approved
        start: 2025-06-01
        end: 2026-03-01
        milestones:
          - {name: Early, date: 2025-07-01}
          - {name: Outside project, date: 2026-04-01}
        """)
    issues = ws.load().issues
    assert [(i.line, i.code, i.severity) for i in issues] == [
        (3, "outside-period", "warning"), (6, "outside-period", "warning"), (7, "outside-project", "warning")]


def test_missing_required_fields_are_each_reported(ws):
    ws.write("projects/p.yaml", "summary: no name, no status\n")
    issues = ws.load().issues
    assert [i.message for i in issues] == [
        "end: required field is missing", "name: required field is missing",
        "start: required field is missing", "status: required field is missing"]
    assert all((i.line, i.column) == (1, 1) for i in issues)


def test_empty_file(ws):
    ws.write("projects/empty.yaml", "# nothing here yet\n")
    issue = only(ws, "projects/empty.yaml")
    assert (issue.line, issue.code) == (0, "empty")


def test_top_level_not_a_map(ws):
    ws.write("projects/list.yaml", "- name: P\n- status: approved\n")
    issue = only(ws, "projects/list.yaml")
    assert (issue.line, issue.column, issue.code) == (1, 1, "not-a-map")


def test_not_utf8(ws):
    ws.write("projects/latin1.yaml", "name: Dédouanement\nstatus: approved\n".encode("latin-1"))
    issue = only(ws, "projects/latin1.yaml")
    assert (issue.line, issue.column, issue.code) == (1, 8, "encoding")
    assert "0xe9 is not UTF-8" in issue.message


def test_utf8_bom_is_accepted(ws):
    ws.write("projects/bom.yaml", ("\ufeff" + "name: P\nstatus: approved\nstart: 2026-01-01\nend: 2026-01-02\n").encode())
    assert ws.load().issues == ()


def test_oversized_file_is_refused_without_reading(ws, monkeypatch):
    monkeypatch.setattr(yamldoc, "MAX_FILE_BYTES", 1000)
    ws.project("big", "summary: " + "x" * 2000 + "\n")
    issue = only(ws, "projects/big.yaml")
    assert (issue.line, issue.code) == (0, "too-large")


def test_billion_laughs_refused_quickly_with_bounded_memory(ws):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    ws.write("projects/bomb.yaml", "\n".join(lines) + "\nname: *a9\n")
    tracemalloc.start()
    started = time.perf_counter()
    issues = [i for i in ws.load().issues if i.path == "projects/bomb.yaml"]
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [i.code for i in issues] == ["alias-bomb"]
    # generous bounds: a full expansion would be 10**9 values and gigabytes
    assert elapsed < 10 and peak < 200 * 1024 * 1024


def test_recursive_alias_is_refused(ws):
    ws.write("projects/loop.yaml", "name: &x [*x]\n")
    issues = [i for i in ws.load().issues if i.path == "projects/loop.yaml"]
    assert issues and issues[0].code in ("alias-bomb", "too-deep", "syntax")


def test_python_tags_are_never_constructed(ws, tmp_path):
    marker = tmp_path / "pwned"
    ws.project("evil", f"summary: !!python/object/apply:os.system ['touch {marker}']\n")
    issue = only(ws, "projects/evil.yaml")
    assert issue.code == "type"
    assert not marker.exists()


def test_merge_keys_work(ws):
    ws.write("projects/p.yaml", """\
        base: &base {status: approved, start: 2026-01-01, end: 2026-02-01}
        <<: *base
        name: P
        """)
    loaded = ws.load()
    assert "p" in loaded.projects
    assert [i.message for i in loaded.issues] == ["base: unknown field; known fields: " + ", ".join(
        f.name for f in __import__("portfolio.schema", fromlist=["PROJECT"]).PROJECT.fields)]


def test_missing_plan(tmp_path):
    from portfolio.workspace import load_workspace
    loaded = load_workspace(tmp_path, builtin=False)
    assert [i.code for i in loaded.issues] == ["missing-plan"]


def test_ignored_files_are_reported_not_dropped(ws):
    ws.write("projects/old.yml", "name: x\n")
    ws.write("projects/notes.txt", "x")
    issues = ws.load().issues
    assert [(i.path, i.code) for i in issues] == [("projects/notes.txt", "ignored-file"), ("projects/old.yml", "ignored-file")]
    assert "rename it to old.yaml" in issues[1].message


def test_currency_without_rate_warns_and_rate_silences(ws):
    ws.project("p", "budget: {planned: 100, currency: EUR, funding: donor, donor: EU}\n")
    assert [i.code for i in ws.load().issues] == ["currency"]
    ws.write("plan.yaml", (ws.root / "plan.yaml").read_text() + "exchange_rates: {EUR: 1.08}\n")
    assert ws.load().issues == ()


def test_bad_currency_code_and_risk_scale(ws):
    ws.project("p", "budget: {planned: 100, currency: euro, funding: internal}\n"
                    "risks:\n  - {title: Vendor lock-in, likelihood: 6, impact: 3}\n")
    issues = ws.load().issues
    assert [(i.line, i.code) for i in issues] == [(5, "pattern"), (7, "range")]
    assert issues[1].message == "risks[0].likelihood: 6 is outside 1..5"


def test_duplicate_objective_and_milestone_ids(ws):
    ws.write("plan.yaml", (ws.root / "plan.yaml").read_text().replace(
        "programmes:", "  - id: obj-a\n    name: Again\nprogrammes:"))
    ws.project("p", "milestones:\n  - {id: m1, name: A, date: 2026-04-01}\n  - {id: m1, name: B, date: 2026-05-01}\n")
    issues = ws.load().issues
    assert [(i.path, i.code) for i in issues] == [("plan.yaml", "duplicate-id"), ("projects/p.yaml", "duplicate-id")]


def test_catalog_and_model_ids_unique_across_files(ws):
    cat = "kind: catalog\nid: same\nname: X\nsource: s\nitems: [{id: '1', title: One}]\n"
    ws.write("guidelines/a.yaml", cat)
    ws.write("guidelines/b.yaml", cat)
    issue = only(ws, "guidelines/b.yaml")
    assert (issue.line, issue.code) == (2, "duplicate-id")


def test_workspace_catalog_clashing_with_builtin(ws, tmp_path):
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "tfa.yaml").write_text("kind: catalog\nid: tfa\nname: T\nsource: s\nitems: [{id: '1', title: One}]\n")
    ws.write("guidelines/tfa.yaml", "kind: catalog\nid: tfa\nname: Mine\nsource: s\nitems: [{id: '1', title: One}]\n")
    loaded = ws.load(builtin=builtin)
    assert [(i.path, i.code) for i in loaded.issues] == [("guidelines/tfa.yaml", "duplicate-id")]
    assert loaded.catalogs["tfa"].builtin


def test_catalog_unknown_parent_and_guideline_kind(ws):
    ws.write("guidelines/c.yaml", "kind: catalog\nid: c\nname: X\nsource: s\nitems:\n  - {id: '1.1', title: A, parent: '1'}\n")
    ws.write("guidelines/k.yaml", "kind: checklist\nid: k\n")
    issues = ws.load().issues
    assert [(i.path, i.line, i.code) for i in issues] == [("guidelines/c.yaml", 6, "unknown-ref"), ("guidelines/k.yaml", 1, "enum")]


def test_assessment_scores(ws):
    ws.write("guidelines/mm.yaml", """\
        kind: maturity-model
        id: mm
        name: Model
        source: test
        scale: {min: 1, max: 5, labels: {1: Initial, 5: Optimised}}
        groups:
          - {id: g, name: G, dimensions: [{id: d1, name: D1}, {id: d2, name: D2}]}
        bands: [{id: low, name: Low, min: 1}, {id: high, name: High, min: 3.5}]
        """)
    ws.write("assessments/a.yaml", """\
        model: mm
        date: 2026-01-15
        scores: {d1: 3, d2: n/a, d3: 2}
        evidence: {d1: Interviews}
        """)
    ws.write("assessments/b.yaml", "model: mm\ndate: 2026-01-15\nscores: {d1: 7, d2: high}\n")
    loaded = ws.load()
    assert [(i.path, i.line, i.code) for i in loaded.issues] == [
        ("assessments/a.yaml", 3, "unknown-ref"), ("assessments/b.yaml", 3, "range"), ("assessments/b.yaml", 3, "type")]
    a = next(a for a in loaded.assessments if a.path == "assessments/a.yaml")
    assert dict(a.scores) == {"d1": 3, "d2": None, "d3": 2}
    assert loaded.models["mm"].scale.labels["1"] == "Initial"
