"""Where the catalogs and maturity models that ship with the product live."""
from __future__ import annotations

import os
from pathlib import Path


def guidelines_dir() -> Path:
    """`PORTFOLIO_GUIDELINES` if set, else the `guidelines/` folder beside the package."""
    override = os.environ.get("PORTFOLIO_GUIDELINES")
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    for candidate in (here / "guidelines", here.parent / "guidelines"):
        if candidate.is_dir():
            return candidate
    return here.parent / "guidelines"
