"""A tiny maturity model the maturity tests build on."""

# Scale 1-5; group g1 has three dimensions, g2 two; bands low < 2.0 <= mid < 3.5 <= high.
TINY = """\
kind: maturity-model
id: tiny
name: Tiny model
source: tests
scale: {min: 1, max: 5}
groups:
  - id: g1
    name: Group one
    dimensions:
      - {id: a, name: A}
      - {id: b, name: B}
      - {id: c, name: C}
  - id: g2
    name: Group two
    dimensions:
      - {id: d, name: D}
      - {id: e, name: E}
bands:
  - {id: low, name: Low, min: 1}
  - {id: mid, name: Mid, min: 2.0}
  - {id: high, name: High, min: 3.5}
"""

