"""Small texts of valid workspace files that tests build on."""

PLAN = """\
administration: Customs Service of Testland
name: ICT Strategic Plan 2026-2028
period: {start: 2026-01-01, end: 2028-12-31}
objectives:
  - id: obj-a
    name: Faster clearance
programmes:
  - id: prog-a
    name: Core systems
    objectives: [obj-a]
"""

PROJECT = """\
name: {name}
status: approved
start: 2026-03-01
end: 2026-09-30
"""
