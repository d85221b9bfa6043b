"""The loader never raises, whatever the bytes: it turns everything into issues."""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.issues import CODES
from portfolio.schema import PROJECT
from portfolio.workspace import load_workspace

from samples import PLAN

FIELDS = [f.name for f in PROJECT.fields] + ["budget", "planned", "funding", "project", "lag", "tfa"]
TRAPS = ["NO", "yes", "on", "7.10", "~", "null", "2025-02-30", "2026-01-01", "0x1F", "1:30", ".inf", "n/a", ""]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(TRAPS), st.dates(min_value=date(1990, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=6),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(FIELDS), values, max_size=12)


def _load_with(project_text: str | bytes):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "plan.yaml").write_text(PLAN)
        (root / "projects").mkdir()
        target = root / "projects" / "p.yaml"
        if isinstance(project_text, bytes):
            target.write_bytes(project_text)
        else:
            target.write_text(project_text, encoding="utf-8", errors="surrogatepass")
        (root / "projects" / "q.yaml").write_text("name: Q\nstatus: approved\nstart: 2026-01-01\nend: 2026-02-01\n")
        return load_workspace(root, builtin=False)


def _well_formed(ws) -> None:
    for issue in ws.issues:
        assert issue.code in CODES
        assert issue.line >= 0 and issue.column >= 0
        assert issue.message
    assert "q" in ws.projects  # the other file is never taken down


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    _well_formed(_load_with(data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("abc:- \n\t[]{}&*!|>'\"#%@`,?0123456789.")), max_size=200))
def test_arbitrary_yamlish_text_never_raises(text):
    _well_formed(_load_with(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_arbitrary_yaml_documents_never_raise(doc):
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    _well_formed(_load_with(text))
