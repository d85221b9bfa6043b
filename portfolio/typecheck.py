"""Give a YAML tree its types from a schema declaration, reporting every mismatch.

Checks never raise: a bad value becomes an `Issue` and is left out, and a record
missing a required field comes back as `INVALID`, so the caller decides whether
the whole file is still usable. Positions are the node's own; messages start
with the field path (`budget.planned`) and say what is allowed.
"""
from __future__ import annotations

import difflib
import math
import re
from datetime import date
from types import MappingProxyType

import yaml

from .issues import Issue
from .schema import Boolean, Date, Enum, ListOf, MapOf, Number, Record, Text
from .yamldoc import MAPPING, SCALAR, SEQUENCE

INVALID = object()

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOOL_TEXT = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_NUMBER_TAGS = ("int", "float")
_constructor = yaml.constructor.SafeConstructor()
_pattern_cache: dict[str, re.Pattern] = {}


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _describe(node: tuple) -> str:
    kind = node[0]
    if kind == MAPPING:
        return "a map"
    if kind == SEQUENCE:
        return "a list"
    tag = node[4]
    if tag == "null":
        return "nothing (an empty value)"
    if tag in ("str",):
        return f"text {node[3]!r}"
    return {"int": "the number", "float": "the number", "bool": "the boolean",
            "timestamp": "the date"}.get(tag, f"a value tagged !{tag}") + f" {node[3]}"


class Checker:
    """Checks the trees of one file, appending issues to `issues`."""

    def __init__(self, path: str, issues: list[Issue]):
        self.path = path
        self.issues = issues

    def report(self, node: tuple, code: str, message: str) -> object:
        self.issues.append(Issue(self.path, node[1], node[2], code, message))
        return INVALID

    def check(self, node: tuple, typ: object, path: tuple) -> object:
        return _DISPATCH[typ.__class__](self, node, typ, path)

    def sequence(self, node: tuple, typ: ListOf, path: tuple) -> object:
        if node[0] != SEQUENCE:
            return self.report(node, "type", f"{dotted(path)}: expected a list, found {_describe(node)}")
        out = []
        item = typ.item
        check = _DISPATCH[item.__class__]
        for i, child in enumerate(node[3]):
            value = check(self, child, item, path + (i,))
            if value is not INVALID:
                out.append(value)
        return tuple(out)

    def _not_scalar(self, node: tuple, typ: object, path: tuple) -> object:
        return self.report(node, "type", f"{dotted(path)}: expected {_expected(typ)}, found {_describe(node)}")

    def enum(self, node: tuple, typ: Enum, path: tuple) -> object:
        value = self.text(node, _PLAIN_TEXT, path)
        if value is not INVALID and value not in typ.values:
            return self.report(node, "enum", f"{dotted(path)}: {value!r} is not one of {', '.join(typ.values)}")
        return value

    def boolean(self, node: tuple, typ: Boolean, path: tuple) -> object:
        if node[0] != SCALAR or node[4] != "bool":
            return self.report(node, "type", f"{dotted(path)}: expected true or false, found {_describe(node)}")
        return _BOOL_TEXT[node[3].lower()]

    def text(self, node: tuple, typ: Text, path: tuple) -> object:
        if node[0] != SCALAR:
            return self._not_scalar(node, typ, path)
        raw, tag = node[3], node[4]
        if tag != "str":
            if typ.numbers_ok and tag in _NUMBER_TAGS:
                return raw
            if tag == "null":
                hint = f'quote it: "{raw}"' if raw else "write a value or remove the field"
                return self.report(node, "quote", f"{dotted(path)}: YAML reads this as null (no value); {hint}")
            if tag in ("bool", "int", "float", "timestamp"):
                reading = {"bool": "a boolean", "int": "a number", "float": "a number",
                           "timestamp": "a date"}[tag]
                return self.report(node, "quote", f"{dotted(path)}: YAML reads {raw} as {reading}, "
                                   f'not text; quote it: "{raw}"')
            return self.report(node, "type", f"{dotted(path)}: expected text, found {_describe(node)}")
        if typ.pattern:
            pattern = _pattern_cache.get(typ.pattern) or _pattern_cache.setdefault(typ.pattern, re.compile(typ.pattern))
            if not pattern.match(raw):
                return self.report(node, "pattern", f"{dotted(path)}: {raw!r} is not {typ.hint}")
        return raw

    def date(self, node: tuple, typ: Date, path: tuple) -> object:
        if node[0] != SCALAR:
            return self._not_scalar(node, typ, path)
        raw, tag = node[3], node[4]
        if tag not in ("timestamp", "str"):
            return self.report(node, "type", f"{dotted(path)}: expected a date like 2026-06-30, found {_describe(node)}")
        if not _DATE.match(raw):
            if tag == "timestamp":
                return self.report(node, "date", f"{dotted(path)}: {raw} is a timestamp; give a date like {raw[:10]}")
            return self.report(node, "date", f"{dotted(path)}: {raw!r} is not a date like 2026-06-30")
        try:
            return date.fromisoformat(raw)
        except ValueError as exc:
            return self.report(node, "date", f"{dotted(path)}: {raw} is not a calendar date ({exc})")

    def number(self, node: tuple, typ: Number, path: tuple) -> object:
        if node[0] != SCALAR:
            return self._not_scalar(node, typ, path)
        raw, tag = node[3], node[4]
        if tag not in _NUMBER_TAGS:
            if typ.na_ok and raw.lower() == "n/a":
                return None
            if typ.text_ok and tag == "str":
                return raw
            allowed = 'a number or "n/a"' if typ.na_ok else ("a whole number" if typ.integer else "a number")
            return self.report(node, "type", f"{dotted(path)}: expected {allowed}, found {_describe(node)}")
        value = (_constructor.construct_yaml_int if tag == "int" else _constructor.construct_yaml_float)(
            yaml.ScalarNode(f"tag:yaml.org,2002:{tag}", raw))
        if isinstance(value, float) and not math.isfinite(value):
            return self.report(node, "range", f"{dotted(path)}: {raw} is not a finite number")
        if typ.integer and value != int(value):
            return self.report(node, "type", f"{dotted(path)}: expected a whole number, found {raw}")
        if (typ.minimum is not None and value < typ.minimum) or (typ.maximum is not None and value > typ.maximum):
            return self.report(node, "range", f"{dotted(path)}: {raw} is outside {_range(typ)}")
        return int(value) if typ.integer else value

    def mapping(self, node: tuple, typ: MapOf, path: tuple) -> object:
        if node[0] != MAPPING:
            return self.report(node, "type", f"{dotted(path)}: expected a map, found {_describe(node)}")
        out = {}
        for key, (kline, kcol, ktag, child) in node[3].items():
            k = self.text((SCALAR, kline, kcol, key, ktag), typ.key, path + (key,))
            if k is INVALID:
                continue
            value = self.check(child, typ.value, path + (key,))
            if value is not INVALID:
                out[k] = value
        return MappingProxyType(out)

    def record(self, node: tuple, typ: Record, path: tuple) -> object:
        if node[0] == SCALAR and typ.shorthand and node[4] != "null":
            value = self.check(node, typ.by_name[typ.shorthand].type, path)
            return INVALID if value is INVALID else typ.cls(**{typ.shorthand: value})
        if node[0] != MAPPING:
            return self.report(node, "type", f"{dotted(path)}: expected a map of fields, found {_describe(node)}")
        values: dict = {}
        ok = True
        entries = node[3]
        for key, (kline, kcol, _ktag, child) in entries.items():
            spec = typ.by_name.get(key)
            if spec is None:
                close = difflib.get_close_matches(key, typ.by_name, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(typ.by_name)}"
                self.issues.append(Issue(self.path, kline, kcol, "unknown-field",
                                         f"{dotted(path + (key,))}: unknown field; {hint}"))
                continue
            value = _DISPATCH[spec.type.__class__](self, child, spec.type, path + (key,))
            if value is INVALID:
                ok = ok and not spec.required
            else:
                values[key] = value
        for spec in typ.fields:
            if spec.required and spec.name not in entries:
                self.report(node, "missing", f"{dotted(path + (spec.name,))}: required field is missing")
                ok = False
        if not ok:
            return INVALID
        return typ.cls(**values) if typ.cls else values


_PLAIN_TEXT = Text()
_DISPATCH = {
    Record: Checker.record,
    ListOf: Checker.sequence,
    MapOf: Checker.mapping,
    Text: Checker.text,
    Enum: Checker.enum,
    Date: Checker.date,
    Number: Checker.number,
    Boolean: Checker.boolean,
}


def _expected(typ: object) -> str:
    if isinstance(typ, Text):
        return "text"
    if isinstance(typ, Enum):
        return "one of " + ", ".join(typ.values)
    if isinstance(typ, Date):
        return "a date like 2026-06-30"
    if isinstance(typ, Number):
        return "a whole number" if typ.integer else "a number"
    if isinstance(typ, Boolean):
        return "true or false"
    return "a value"


def _range(typ: Number) -> str:
    if typ.minimum is not None and typ.maximum is not None:
        return f"{typ.minimum:g}..{typ.maximum:g}"
    if typ.minimum is not None:
        return f"the allowed range (at least {typ.minimum:g})"
    return f"the allowed range (at most {typ.maximum:g})"
