"""The dependency graph as networkx, what lies upstream and downstream, and a Graphviz drawing.

Edges point from a predecessor to the project that waits for it (the direction
work flows). Cancelled projects and dependencies on them are left out, as in the
schedule. The DOT text is built here and drawn by the page (`st.graphviz_chart`,
rendered in the browser); every label is escaped, since names come from YAML.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import model as m
from .schedule import Schedule

#: Above this many nodes a whole-portfolio drawing is unreadable and slow to lay out.
MAX_DRAWN = 250


def dependency_graph(ws: m.Workspace, sched: Schedule):
    """A networkx DiGraph of the scheduled projects; edge data: lag.

    Node data: name, programme, status, critical, fixed (completed or in a cycle),
    forecast_start, forecast_end.
    """
    import networkx as nx

    g = nx.DiGraph()
    for pid, s in sched.projects.items():
        if s.forecast_end is None:
            continue
        p = ws.projects[pid]
        g.add_node(pid, name=p.name, programme=p.programme, status=p.status, critical=s.critical,
                   fixed=s.status == "completed" or s.cyclic, forecast_start=s.forecast_start,
                   forecast_end=s.forecast_end)
    g.add_edges_from((link.predecessor, link.successor, {"lag": link.lag}) for link in sched.links)
    return g


@dataclass(frozen=True)
class Neighbourhood:
    project: str
    upstream: tuple[str, ...]  # everything it waits for, directly or not
    downstream: tuple[str, ...]  # everything that waits for it, directly or not


def neighbourhood(graph, project: str) -> Neighbourhood:
    import networkx as nx

    if project not in graph:
        raise KeyError(f"{project!r} is not scheduled (unknown or cancelled)")
    return Neighbourhood(project, tuple(sorted(nx.ancestors(graph, project))),
                         tuple(sorted(nx.descendants(graph, project))))


def _quote(text: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as DOT line breaks."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + s.replace("\r", "").replace("\n", "\\n") + '"'


STATUS_FILL = {"proposed": "#f2f2f2", "approved": "#dbe9f6", "in-progress": "#fff2cc", "on-hold": "#f8cbad",
               "completed": "#d9ead3"}
CRITICAL = "#c0392b"
FOCUS = "#1f4e79"


def dot(graph, focus: str | None = None, nodes=None, title: str | None = None) -> str:
    """Graphviz DOT source of `graph` (or the sub-graph on `nodes`), critical path in red.

    With `focus`, that project is outlined and its upstream and downstream are drawn
    in blue tones; edges show a lag when it is not 0.
    """
    keep = set(graph.nodes) if nodes is None else set(nodes)
    up = down = set()
    if focus is not None and focus in graph:
        hood = neighbourhood(graph, focus)
        up, down = set(hood.upstream), set(hood.downstream)
    lines = ["digraph dependencies {", "  rankdir=LR;",
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
             '  edge [color="#7f7f7f"];']
    if title:
        lines.append(f"  label={_quote(title)}; labelloc=t;")
    for pid in sorted(keep):
        data = graph.nodes[pid]
        status = data["status"]
        tip = f"{pid} ({status}), forecast {data['forecast_start']} to {data['forecast_end']}"
        label = data["name"] + "\n" + pid
        attrs = [f"label={_quote(label)}",
                 f"fillcolor={_quote(STATUS_FILL.get(status, '#ffffff'))}", f"tooltip={_quote(tip)}"]
        if pid == focus:
            attrs += [f"color={_quote(FOCUS)}", "penwidth=4"]
        elif data["critical"]:
            attrs += [f"color={_quote(CRITICAL)}", "penwidth=2.5"]
        elif pid in up or pid in down:
            attrs += [f"color={_quote(FOCUS)}", "penwidth=1.8"]
        if pid in up or pid in down:
            attrs.append(f"fontcolor={_quote(FOCUS)}")
        lines.append(f"  {_quote(pid)} [{', '.join(attrs)}];")
    for p, q, data in sorted(graph.edges(data=True)):
        if p not in keep or q not in keep:
            continue
        attrs = []
        if data.get("lag"):
            lag = data["lag"]
            attrs.append(f"label={_quote(f'{lag:+d}d')}")
        if _binding(graph, p, q, data.get("lag", 0)) and graph.nodes[p]["critical"] and graph.nodes[q]["critical"]:
            attrs += [f"color={_quote(CRITICAL)}", "penwidth=2"]
        on_focus_path = (q == focus or q in up) and (p in up) or (p == focus or p in down) and q in down
        if on_focus_path:
            attrs += [f"color={_quote(FOCUS)}", "penwidth=2"]
        lines.append(f"  {_quote(p)} -> {_quote(q)}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines)


def _binding(graph, p: str, q: str, lag: int) -> bool:
    """The link sets q's forecast start (q not fixed): an edge of the critical path when both are critical."""
    if graph.nodes[q]["fixed"]:
        return False
    return (graph.nodes[q]["forecast_start"] - graph.nodes[p]["forecast_end"]).days == 1 + lag


def drawn_nodes(graph, focus: str | None, scope: str) -> list[str]:
    """Which projects to draw: `all`, `critical` (the critical path) or `focus` (the project and its neighbourhood)."""
    if scope == "focus":
        if focus is None or focus not in graph:
            return []
        hood = neighbourhood(graph, focus)
        return sorted({focus, *hood.upstream, *hood.downstream})
    if scope == "critical":
        return sorted(n for n, d in graph.nodes(data=True) if d["critical"])
    return sorted(graph.nodes)


ROW_COLUMNS = ["id", "name", "status", "forecast_start", "forecast_end", "slip_days", "float_days", "critical",
               "driven_by"]


def project_rows(ws: m.Workspace, sched: Schedule, ids) -> "pd.DataFrame":  # noqa: F821 - pandas imported inside
    """The schedule of the given projects as a table, ordered by forecast start."""
    import pandas as pd

    rows = [(pid, ws.projects[pid].name, s.status, s.forecast_start, s.forecast_end, s.slip_days, s.float_days,
             s.critical, ", ".join(s.driven_by)) for pid in ids if (s := sched.projects.get(pid)) is not None]
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    for col in ("slip_days", "float_days"):
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["forecast_start", "id"], kind="stable", na_position="last").reset_index(drop=True)
