"""The Maturity page's logic with Streamlit's AppTest: which sections show for which workspace."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from maturity_samples import TINY

PAGE = str(Path(__file__).resolve().parents[1] / "ui" / "maturity.py")
EXAMPLE = Path(__file__).resolve().parents[1] / "plans" / "example"


def run_page(monkeypatch, workspace) -> AppTest:
    monkeypatch.setenv("PORTFOLIO_WORKSPACE", str(workspace))
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def headings(at) -> list[str]:
    return [h.value for h in at.subheader]


def test_no_assessments_says_how_to_add_one(ws, monkeypatch):
    at = run_page(monkeypatch, ws.root)
    assert "No maturity assessments" in at.info[0].value
    assert headings(at) == []


def test_model_without_bands_has_no_level_section(ws, monkeypatch):
    ws.write("guidelines/tiny.yaml", TINY.split("bands:")[0])
    ws.write("assessments/x.yaml", 'model: tiny\ndate: 2026-01-15\nscores: {a: 2, b: "n/a", d: 3}\n')
    at = run_page(monkeypatch, ws.root)
    assert headings(at) == ["Administrations by key area", "Key areas across administrations", "Profile"]
    table = at.dataframe[0].value
    assert list(table["Group one"]) == [2.0] and list(table["partial"]) == ["Group one (1 of 3), Group two (1 of 2)"]


def test_example_shows_trend_and_projection(monkeypatch):
    at = run_page(monkeypatch, EXAMPLE)
    assert headings(at) == ["Administrations by key area", "Key areas across administrations",
                            "Level reached and areas at risk", "Profile", "Trend",
                            "Projected maturity against targets"]
    targets = at.dataframe[-1].value
    assert dict(zip(targets["name"], targets["outcome"]))["Within Customs"] == "late"
    at.toggle[0].set_value(True).run()
    targets = at.dataframe[-1].value
    assert dict(zip(targets["name"], targets["outcome"]))["Within Customs"] == "met"


@pytest.mark.parametrize("model", ["wco-dcmm", "un-tf-survey"])
def test_other_models_can_be_chosen(ws, monkeypatch, model):
    dim = {"wco-dcmm": "within-customs", "un-tf-survey": "risk-management"}[model]
    ws.write("assessments/x.yaml", f"model: {model}\ndate: 2026-01-15\nscores: {{{dim}: 2}}\n")
    ws.write("assessments/y.yaml", "model: carec-ie\ndate: 2026-01-15\nscores: {sponsorship: 2}\n")
    monkeypatch.setenv("PORTFOLIO_WORKSPACE", str(ws.root))
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.selectbox[0].set_value(model).run()
    assert not at.exception
    assert at.dataframe[0].value["administration"].tolist() == ["Customs Service of Testland"]
