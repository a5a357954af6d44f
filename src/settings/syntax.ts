// YAML syntax errors as config problems. The parser's own words are kept and a hint is added for the
// mistakes people make most often when editing a config by hand.
import type { LineCounter, YAMLError } from 'yaml';
import type { ConfigProblem } from './format.js';

const INDENT_HINT = 'check the indentation of this line and the one above (or quote a value containing ": ")';

const HINTS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces',
  BAD_INDENT: INDENT_HINT,
  MISSING_CHAR: INDENT_HINT,
  BLOCK_AS_IMPLICIT_KEY: INDENT_HINT,
  MULTILINE_IMPLICIT_KEY: INDENT_HINT,
  DUPLICATE_KEY: 'keep only one of them',
  MULTIPLE_DOCS: 'keep one document: remove the "---" line and what follows, or merge it',
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function syntaxProblems(
  errors: readonly YAMLError[],
  file: string,
  lineCounter: LineCounter,
): ConfigProblem[] {
  // One problem per line: a single bad indent often makes the parser complain twice at the same spot.
  const byLine = new Map<number, ConfigProblem>();
  for (const error of errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    if (byLine.has(line)) continue;
    const hint = HINTS[error.code] ?? 'fix the YAML here';
    byLine.set(line, { file, line, col, path: '', message: `${lowerFirst(error.message)}: ${hint}` });
  }
  return [...byLine.values()];
}
