"""Read one YAML file into a position-carrying tree, safely and with bounded cost.

Nothing here constructs Python objects from tags: the C parser composes nodes and
we copy them into plain tuples that keep each value's raw text, its YAML 1.1 tag
and its 1-based position. Typing happens later, against the schema, so a value
like `NO` or `7.10` can be reported where text was expected instead of silently
becoming `False` or `7.1`. The tuples are marshal-able, which is what lets the
cache store them.

Node shapes (plain tuples, for speed and for the cache):
    scalar   (SCALAR, line, col, text, tag)
    mapping  (MAPPING, line, col, {key text: (key line, key col, key tag, value node)})
    sequence (SEQUENCE, line, col, [nodes])
"""
from __future__ import annotations

import yaml

from .issues import Issue

SCALAR, MAPPING, SEQUENCE = 0, 1, 2

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000  # after alias expansion; a large real catalog has a few thousand
MAX_DEPTH = 64

_TAG_PREFIX = "tag:yaml.org,2002:"

try:  # the C parser is much faster; PyYAML without libyaml still works
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

_IMPLICIT = {first: [(short_tag, regexp) for short_tag, regexp in
                     ((t[len("tag:yaml.org,2002:"):], r) for t, r in resolvers)]
             for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}


class _Loader(_BaseLoader):
    """Safe loading with YAML 1.1's implicit types, resolved straight to short tag names.

    Same rules as PyYAML's resolver, without its path-resolver bookkeeping, which
    this format never uses and which costs a quarter of the parse.
    """

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return "str"
        return "seq" if kind is yaml.SequenceNode else "map"


class _Refused(Exception):
    def __init__(self, code: str, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


def short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:str` -> `str`; a local tag such as `!python/object` stays as written."""
    return tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag


_SHORT: dict[str, str] = {}


def _short(tag: str) -> str:
    short = _SHORT.get(tag)
    if short is None:
        short = _SHORT[tag] = short_tag(tag)
    return short


def decode(data: bytes, path: str) -> tuple[str | None, list[Issue]]:
    """UTF-8 text of a file, or an issue at the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Issue(path, line, column, "encoding",
                            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8")]
    return text.removeprefix("\ufeff"), []


def parse(text: str, path: str) -> tuple[tuple | None, list[Issue]]:
    """The tree of one YAML document and the problems met while reading it."""
    if not text.strip() or _only_comments(text):
        return None, [Issue(path, 0, 0, "empty", "the file is empty; delete it or add its fields")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [Issue(path, line, column, "syntax", f"YAML syntax: {problem}")]
    except yaml.YAMLError as exc:
        return None, [Issue(path, 0, 0, "syntax", f"YAML syntax: {exc}")]
    except RecursionError:
        return None, [Issue(path, 0, 0, "too-deep", f"values are nested deeper than {MAX_DEPTH} levels")]
    if node is None:
        return None, [Issue(path, 0, 0, "empty", "the file is empty; delete it or add its fields")]
    issues: list[Issue] = []
    try:
        tree = _Copier(path, issues).copy(node, 0)
    except _Refused as exc:
        return None, [Issue(path, exc.line, exc.column, exc.code, exc.message)]
    return tree, issues


def read(data: bytes, path: str) -> tuple[tuple | None, list[Issue]]:
    """Bytes of a file -> (tree or None, issues). The size limit is checked by the caller before reading."""
    text, issues = decode(data, path)
    if text is None:
        return None, issues
    return parse(text, path)


def _only_comments(text: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") or ln.strip() in ("---", "...")
               for ln in text.splitlines())


class _Copier:
    """Copies composed nodes into tuples, expanding aliases under a budget."""

    def __init__(self, path: str, issues: list[Issue]):
        self.path = path
        self.issues = issues
        self.budget = MAX_NODES

    def copy(self, node: yaml.Node, depth: int) -> tuple:
        self.budget -= 1
        if self.budget < 0:
            raise _Refused("alias-bomb", f"anchors and aliases expand to more than {MAX_NODES} values; "
                           "this looks like a 'billion laughs' file and was not read")
        mark = node.start_mark
        if depth > MAX_DEPTH:
            raise _Refused("too-deep", f"values are nested deeper than {MAX_DEPTH} levels",
                           mark.line + 1, mark.column + 1)
        kind = node.id
        if kind == "scalar":
            return (SCALAR, mark.line + 1, mark.column + 1, node.value, _short(node.tag))
        if kind == "sequence":
            return (SEQUENCE, mark.line + 1, mark.column + 1, self._children(node.value, depth + 1))
        return (MAPPING, mark.line + 1, mark.column + 1, self._entries(node.value, depth + 1))

    def _children(self, nodes: list, depth: int) -> list:
        out = []
        for n in nodes:
            if n.id == "scalar":  # inlined: most values are scalars
                self.budget -= 1
                m = n.start_mark
                t = n.tag
                out.append((SCALAR, m.line + 1, m.column + 1, n.value, _short(t) if t[0] in "t!" else t))
            else:
                out.append(self.copy(n, depth))
        if self.budget < 0:
            raise _Refused("alias-bomb", f"anchors and aliases expand to more than {MAX_NODES} values; "
                           "this looks like a 'billion laughs' file and was not read")
        return out

    def _entries(self, pairs: list, depth: int) -> dict:
        entries: dict[str, tuple] = {}
        merged: list[tuple] = []
        for key, value in pairs:
            kmark = key.start_mark
            if key.id != "scalar":
                self.issues.append(Issue(self.path, kmark.line + 1, kmark.column + 1, "type",
                                         "a key must be a plain word, not a list or map"))
                continue
            ktag = key.tag
            if ktag[0] in "t!":
                ktag = _short(ktag)
            if ktag == "merge":
                merged.append(self.copy(value, depth))
                continue
            kvalue = key.value
            if kvalue in entries:
                self.issues.append(Issue(self.path, kmark.line + 1, kmark.column + 1, "duplicate-key",
                                         f"{kvalue}: duplicate key (first at line {entries[kvalue][0]}); "
                                         "YAML would silently keep only the last value"))
                continue
            if value.id == "scalar":
                self.budget -= 1
                m = value.start_mark
                t = value.tag
                child = (SCALAR, m.line + 1, m.column + 1, value.value, _short(t) if t[0] in "t!" else t)
            else:
                child = self.copy(value, depth)
            entries[kvalue] = (kmark.line + 1, kmark.column + 1, ktag, child)
        for source in merged:  # `<<: *defaults`: explicit keys win, as in YAML's merge type
            for m in source[3] if source[0] == SEQUENCE else [source]:
                if m[0] == MAPPING:
                    for k, v in m[3].items():
                        entries.setdefault(k, v)
                else:
                    self.issues.append(Issue(self.path, m[1], m[2], "type",
                                             "`<<` merges a map or a list of maps"))
        return entries


def _walk(tree: tuple, keys: tuple) -> tuple[tuple, int]:
    """The deepest node reached along `keys`, and how many keys were followed."""
    node = tree
    for n, key in enumerate(keys):
        if node[0] == MAPPING and isinstance(key, str) and key in node[3]:
            node = node[3][key][3]
        elif node[0] == SEQUENCE and isinstance(key, int) and 0 <= key < len(node[3]):
            node = node[3][key]
        else:
            return node, n
    return node, len(keys)


def locate(tree: tuple | None, *keys: str | int) -> tuple[int, int]:
    """Position of the value at `keys` (map keys and list indexes), or of the deepest part that exists."""
    if tree is None:
        return (0, 0)
    node, _ = _walk(tree, keys)
    return node[1], node[2]


def locate_key(tree: tuple | None, *keys: str | int) -> tuple[int, int]:
    """Position of the last key in `keys` itself (where an 'unknown field' belongs)."""
    if tree is None or not keys:
        return locate(tree)
    parent, followed = _walk(tree, keys[:-1])
    if followed == len(keys) - 1 and parent[0] == MAPPING and keys[-1] in parent[3]:
        entry = parent[3][keys[-1]]
        return entry[0], entry[1]
    return parent[1], parent[2]
