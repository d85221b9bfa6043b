"""JSON Schema of the workspace files, derived from `schema`, for editors.

VS Code's YAML extension (and others using the YAML language server) reads these
to offer completion and underline mistakes as a planner types. Rules that need
other files (references, cycles) are beyond JSON Schema; `portfolio check` has them.
"""
from __future__ import annotations

from .schema import FILE_KINDS, Boolean, Date, Enum, ListOf, MapOf, Number, Record, Text

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _type(typ: object) -> dict:
    if isinstance(typ, Record):
        out = {
            "type": "object",
            "properties": {f.name: {**_type(f.type), **({"description": f.doc} if f.doc else {})}
                           for f in typ.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in typ.fields if f.required]
        if required:
            out["required"] = required
        if typ.shorthand:
            return {"oneOf": [_type(typ.by_name[typ.shorthand].type), out]}
        return out
    if isinstance(typ, ListOf):
        return {"type": "array", "items": _type(typ.item)}
    if isinstance(typ, MapOf):
        out = {"type": "object", "additionalProperties": _type(typ.value)}
        if typ.key.pattern:
            out["propertyNames"] = {"pattern": typ.key.pattern}
        return out
    if isinstance(typ, Text):
        return {"type": "string", **({"pattern": typ.pattern} if typ.pattern else {})}
    if isinstance(typ, Enum):
        return {"type": "string", "enum": list(typ.values)}
    if isinstance(typ, Date):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(typ, Number):
        out: dict = {"type": "integer" if typ.integer else "number"}
        if typ.minimum is not None:
            out["minimum"] = typ.minimum
        if typ.maximum is not None:
            out["maximum"] = typ.maximum
        if typ.na_ok:
            return {"oneOf": [out, {"const": "n/a"}]}
        if typ.text_ok:
            return {"oneOf": [out, {"type": "string"}]}
        return out
    if isinstance(typ, Boolean):
        return {"type": "boolean"}
    raise TypeError(f"unknown schema type {typ!r}")


TITLES = {
    "plan": "ICT strategic plan (plan.yaml)",
    "project": "ICT project (projects/<id>.yaml)",
    "assessment": "Maturity self-assessment (assessments/*.yaml)",
    "catalog": "Guideline catalog (guidelines/*.yaml, kind: catalog)",
    "maturity-model": "Maturity model (guidelines/*.yaml, kind: maturity-model)",
}


def json_schema(kind: str) -> dict:
    """The JSON Schema of one file kind (`plan`, `project`, `assessment`, `catalog`, `maturity-model`)."""
    return {"$schema": DRAFT, "$id": f"{kind}.schema.json", "title": TITLES[kind], **_type(FILE_KINDS[kind])}
