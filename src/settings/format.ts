// How configuration problems look to the user: one line each, `file:line:col path: message`, the form
// editors and CI logs turn into links.
import { AppError, type ErrorCode } from '../contracts/index.js';

/** One thing wrong with a configuration file, pointing at where it is. */
export interface ConfigProblem {
  /** The file as the user named it (not resolved), so the line matches what they typed. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
  /** The option's path, e.g. `sources[0].auth.password`; empty for the file as a whole or a syntax error. */
  path: string;
  /** What is wrong and what to do about it, in one sentence. */
  message: string;
  /** A suggested replacement (key, value or variable name) when there is an obvious one. */
  fix?: string;
}

export type ConfigPath = readonly PropertyKey[];

/** `['sources', 0, 'auth', 'password']` -> `sources[0].auth.password`; odd keys are quoted. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][\w-]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

export function formatProblem(p: ConfigProblem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  return p.path === '' ? `${where}: ${p.message}` : `${where} ${p.path}: ${p.message}`;
}

/** Problems in reading order, each reported once. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path))
    .filter((p) => {
      const line = formatProblem(p);
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    });
}

/** The error a failed load throws: its message is the problem lines, ready to print as they are. */
export function configError(code: ErrorCode, file: string, problems: readonly ConfigProblem[]): AppError {
  const sorted = sortProblems(problems);
  return new AppError(code, sorted.map(formatProblem).join('\n'), { details: { file, problems: sorted } });
}
