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
_MERGE_TAG = _TAG_PREFIX + "merge"

try:  # the C parser is much faster; PyYAML without libyaml still works
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


class _Refused(Exception):
    def __init__(self, code: str, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


def short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:str` -> `str`; a local tag such as `!python/object` stays as written."""
    return tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag


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
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise _Refused("too-deep", f"values are nested deeper than {MAX_DEPTH} levels",
                           mark.line + 1, mark.column + 1)
        mark = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            return (SCALAR, mark.line + 1, mark.column + 1, node.value, short_tag(node.tag))
        if isinstance(node, yaml.SequenceNode):
            return (SEQUENCE, mark.line + 1, mark.column + 1, [self.copy(n, depth + 1) for n in node.value])
        entries: dict[str, tuple] = {}
        merged: list[tuple] = []
        for key, value in node.value:
            if key.tag == _MERGE_TAG:
                merged.append(self.copy(value, depth + 1))
                continue
            kmark = key.start_mark
            if not isinstance(key, yaml.ScalarNode):
                self.issues.append(Issue(self.path, kmark.line + 1, kmark.column + 1, "type",
                                         "a key must be a plain word, not a list or map"))
                continue
            if key.value in entries:
                first = entries[key.value]
                self.issues.append(Issue(self.path, kmark.line + 1, kmark.column + 1, "duplicate-key",
                                         f"{key.value}: duplicate key (first at line {first[0]}); "
                                         "YAML would silently keep only the last value"))
                continue
            entries[key.value] = (kmark.line + 1, kmark.column + 1, short_tag(key.tag),
                                  self.copy(value, depth + 1))
        for source in merged:  # `<<: *defaults`: explicit keys win, as in YAML's merge type
            for m in source[3] if source[0] == SEQUENCE else [source]:
                if m[0] == MAPPING:
                    for k, v in m[3].items():
                        entries.setdefault(k, v)
                else:
                    self.issues.append(Issue(self.path, m[1], m[2], "type",
                                             "`<<` merges a map or a list of maps"))
        return (MAPPING, mark.line + 1, mark.column + 1, entries)


def locate(tree: tuple | None, *keys: str | int) -> tuple[int, int]:
    """Position of the value at `keys` (map keys and list indexes), or of the deepest part that exists."""
    if tree is None:
        return (0, 0)
    node = tree
    for key in keys:
        if node[0] == MAPPING and isinstance(key, str) and key in node[3]:
            node = node[3][key][3]
        elif node[0] == SEQUENCE and isinstance(key, int) and 0 <= key < len(node[3]):
            node = node[3][key]
        else:
            break
    return node[1], node[2]


def locate_key(tree: tuple | None, *keys: str | int) -> tuple[int, int]:
    """Position of the key of the last entry in `keys` (where 'unknown field' squiggles belong)."""
    if tree is None or not keys:
        return (0, 0)
    node = tree
    for key in keys[:-1]:
        if node[0] == MAPPING and isinstance(key, str) and key in node[3]:
            node = node[3][key][3]
        elif node[0] == SEQUENCE and isinstance(key, int) and 0 <= key < len(node[3]):
            node = node[3][key]
        else:
            return node[1], node[2]
    if node[0] == MAPPING and keys[-1] in node[3]:
        entry = node[3][keys[-1]]
        return entry[0], entry[1]
    return locate(node, keys[-1])
