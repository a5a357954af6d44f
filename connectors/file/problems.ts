// Problems with an import's inputs (mapping file, data file), printed one a line as
// `file:line:col path: message`, the form editors and CI logs turn into links.
import { AppError, type ErrorCode } from '../../src/contracts/index.js';

export interface ImportProblem {
  /** The file as the user named it. */
  file: string;
  /** 1-based; absent when the problem concerns the file as a whole. */
  line?: number;
  col?: number;
  /** The mapping option's path, e.g. `fields.state.map`; empty for data files. */
  path?: string;
  message: string;
}

export function formatProblem(p: ImportProblem): string {
  const where =
    p.line === undefined ? p.file : `${p.file}:${p.line}${p.col === undefined ? '' : `:${p.col}`}`;
  return p.path === undefined || p.path === ''
    ? `${where}: ${p.message}`
    : `${where} ${p.path}: ${p.message}`;
}

/**
 * The error an unusable input raises. CONFIG_* codes exit 2 and print the lines as they are (no code
 * suffix); the catalogue has no import-specific code yet.
 */
export function importProblemError(
  problems: readonly ImportProblem[],
  code: ErrorCode = 'CONFIG_INVALID',
): AppError {
  const sorted = [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
  const lines = [...new Set(sorted.map(formatProblem))];
  return new AppError(code, lines.join('\n'), {
    details: { file: sorted[0]?.file, problems: sorted },
  });
}

/** The closest candidate by edit distance, for "did you mean" hints; undefined when nothing is close. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
