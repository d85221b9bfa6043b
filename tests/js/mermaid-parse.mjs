// Parse a Mermaid file with Mermaid's own parser and print what it understood, as JSON.
// Usage: node mermaid-parse.mjs FILE   (exit 1 and the parser's message on stderr if it fails)
// mermaid needs a DOM (DOMPurify) even to parse, so jsdom provides one; nothing is rendered.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

// Mermaid stores `#58;` entity codes as placeholders and turns them into characters when it
// draws; do the same so the caller sees the text a reader sees.
function shown(text) {
  const html = String(text).replaceAll('ﬂ°°', '&#').replaceAll('ﬂ°', '&').replaceAll('¶ß', ';');
  const el = dom.window.document.createElement('textarea');
  el.innerHTML = html;
  return el.value.trim();
}

const text = readFileSync(process.argv[2], 'utf8');
try {
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const out = { type: diagram.type };
  if (diagram.type === 'gantt') {
    out.title = shown(db.getDiagramTitle());
    out.sections = db.getSections().map(shown);
    out.tasks = db.getTasks().map((t) => ({
      id: t.id, task: shown(t.task), section: shown(t.section),
      start: t.startTime.toISOString(), end: t.endTime.toISOString(),
      crit: !!t.crit, done: !!t.done, active: !!t.active, milestone: !!t.milestone,
    }));
  }
  console.log(JSON.stringify(out));
} catch (e) {
  console.error(e.message || String(e));
  process.exit(1);
}
