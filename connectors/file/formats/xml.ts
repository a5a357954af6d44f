// ServiceNow XML unload files (`<unload><incident action="INSERT_OR_UPDATE"><number>INC…</number>…`)
// read as a stream: the text is scanned for one record element at a time and only that element is
// parsed, so memory holds one record whatever the file's size. Fields are the record's child elements;
// their text is unescaped (entities, CDATA). Elements of another name are counted by the caller.
import type { CsvRow } from './csv-parser.js';
import { cellsOf } from './record-values.js';

export class XmlStructureError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** `element` is set on a row for a record of another element name: the caller counts it as skipped. */
export type XmlRow = CsvRow & { element?: string };

const FIELD = /<([A-Za-z_][\w.:-]*)((?:\s[^>]*?)?)(?:\/>|>([\s\S]*?)<\/\1\s*>)/g;

export async function* xmlRowBatches(
  chunks: AsyncIterable<string>,
  columns: readonly string[],
  element: string | undefined,
): AsyncGenerator<XmlRow[]> {
  let buffer = '';
  let line = 1;
  let rootSeen = false;
  for await (const chunk of chunks) {
    buffer += chunk;
    const out: XmlRow[] = [];
    let at = 0;
    for (;;) {
      const start = nextElement(buffer, at);
      if (start === undefined) break;
      if (!rootSeen) {
        rootSeen = true; // <unload …>: the records are its children
        line += countLines(buffer, at, start.end);
        at = start.end;
        continue;
      }
      const close = buffer.indexOf(`</${start.name}>`, start.index);
      const selfClosing = buffer.lastIndexOf('/>', start.end) === start.end - 2;
      if (close < 0 && !selfClosing) break; // the record continues in the next chunk
      const end = selfClosing ? start.end : close + start.name.length + 3;
      line += countLines(buffer, at, start.index);
      const recordLine = line;
      const inner = selfClosing ? '' : buffer.slice(start.end, close);
      line += countLines(buffer, start.index, end);
      at = end;
      if (element !== undefined && start.name !== element) {
        out.push({ cells: [], line: recordLine, element: start.name });
        continue;
      }
      element ??= start.name;
      out.push({ cells: cellsOf(fieldsOf(inner), columns), line: recordLine });
    }
    buffer = buffer.slice(at);
    if (out.length > 0) yield out;
  }
  if (/<[A-Za-z_]/.test(buffer.replace(/<\/[^>]*>/g, '')))
    throw new XmlStructureError(line, 'the XML ends inside a record (truncated file?)');
  if (!rootSeen) throw new XmlStructureError(1, 'no XML element found');
}

/** The next opening tag at or after `from`, skipping declarations, comments and closing tags. */
function nextElement(text: string, from: number): { name: string; index: number; end: number } | undefined {
  let at = from;
  for (;;) {
    const lt = text.indexOf('<', at);
    if (lt < 0 || lt + 1 >= text.length) return undefined;
    const next = text[lt + 1];
    if (next === '?' || next === '!' || next === '/') {
      const terminator = text.startsWith('<!--', lt) ? '-->' : '>';
      const gt = text.indexOf(terminator, lt);
      if (gt < 0) return undefined;
      at = gt + terminator.length;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt < 0) return undefined;
    const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(lt, Math.min(gt + 1, lt + 200)))?.[1];
    if (name === undefined) {
      at = lt + 1;
      continue;
    }
    return { name, index: lt, end: gt + 1 };
  }
}

function fieldsOf(inner: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  FIELD.lastIndex = 0;
  for (let match = FIELD.exec(inner); match !== null; match = FIELD.exec(inner)) {
    const name = match[1]!;
    if (!(name in fields)) fields[name] = unescape(match[3] ?? '');
  }
  return fields;
}

function unescape(text: string): string {
  if (!text.includes('&') && !text.includes('<![CDATA[')) return text;
  return text
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith('<![CDATA[')
        ? part.slice(9, -3)
        : part.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
            const lower = entity.toLowerCase();
            if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
            if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
            return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower]!;
          }),
    )
    .join('');
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
