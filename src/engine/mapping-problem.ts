// One pack problem as the user sees it: `file:line:col control-id path: message`.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { AppError } from '../contracts/errors.js';
import { formatPath } from '../settings/format.js';
import { locate } from '../settings/locate.js';
import type { RawProblem } from './problem.js';

export interface MappingProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** The control the problem belongs to, when there is one. */
  control?: string;
  /** The option's path inside the control (or the file, outside controls). */
  path: string;
  message: string;
}

export function formatMappingProblem(p: MappingProblem): string {
  const head = [`${p.file}:${p.line}:${p.col}`, p.control, p.path].filter((s) => s !== undefined && s !== '');
  return `${head.join(' ')}: ${p.message}`;
}

/** A parsed YAML file with what is needed to place problems in it. */
export interface YamlFile {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  data: unknown;
}

export function parseYamlFile(file: string, text: string): { yaml: YamlFile; problems: MappingProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((error): MappingProblem => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const message = error.message.split('\n')[0] ?? error.message;
    return { file, line, col, path: '', message: `YAML syntax error: ${message}` };
  });
  const data: unknown = problems.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { yaml: { file, doc, lineCounter, data }, problems };
}

/**
 * Places a raw problem. Paths starting `controls[i]` are reported relative to the control, with its id
 * in front, because "which control" is what a pack author looks for first.
 */
export function placeProblem(yaml: YamlFile, raw: RawProblem): MappingProblem {
  const { line, col } = yaml.lineCounter.linePos(locate(yaml.doc, raw.path, raw.at ?? 'value'));
  const out: MappingProblem = {
    file: yaml.file,
    line,
    col,
    path: formatPath(raw.path),
    message: raw.message,
  };
  const [top, index, ...rest] = raw.path;
  if (top === 'controls' && typeof index === 'number') {
    const control = (yaml.data as { controls?: { id?: unknown }[] } | undefined)?.controls?.[index];
    const id = control?.id;
    out.control = typeof id === 'string' && id !== '' ? id : `controls[${index}]`;
    out.path = formatPath(rest);
  }
  return out;
}

/** The error a caller raises for an invalid pack: its message is the problem lines, ready to print. */
export function mappingError(problems: readonly MappingProblem[]): AppError {
  return new AppError('MAPPING_INVALID', problems.map(formatMappingProblem).join('\n'), {
    details: { problems },
  });
}
