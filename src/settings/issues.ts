// Places every validation issue in the file: zod issues carry a path into the data, which `locate`
// turns into a line and column of the YAML document.
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { pathKey, type EnvProblem } from './env.js';
import { formatPath, type ConfigPath, type ConfigProblem } from './format.js';
import { locate, type LocateMode } from './locate.js';
import { missingKeyMessage } from './messages.js';

export interface IssueContext {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** Variables behind each interpolated value, by path: their values are never echoed back. */
  interpolated: ReadonlyMap<string, readonly string[]>;
}

function problemAt(
  ctx: IssueContext,
  path: ConfigPath,
  message: string,
  mode: LocateMode = 'value',
): ConfigProblem {
  const { line, col } = ctx.lineCounter.linePos(locate(ctx.doc, path, mode));
  const problem: ConfigProblem = { file: ctx.file, line, col, path: formatPath(path), message };
  const guess = /\(did you mean "([^"]*)"\?\)/.exec(message)?.[1];
  if (guess !== undefined) problem.fix = guess;
  return problem;
}

/** An interpolated value may be a secret: name the variable instead of quoting what it holds. */
function redact(message: string, issue: z.core.$ZodIssue, ctx: IssueContext): string {
  const variables = ctx.interpolated.get(pathKey(issue.path));
  if (variables === undefined || typeof issue.input !== 'string') return message;
  const from = `from ${variables.map((v) => `\${${v}}`).join(', ')}`;
  return message.replaceAll(JSON.stringify(issue.input), from);
}

export function issueToProblems(issue: z.core.$ZodIssue, ctx: IssueContext): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    // The error map words one line per key, in key order (see configErrorMap).
    const lines = issue.message.split('\n');
    return issue.keys.map((key, i) =>
      problemAt(ctx, [...issue.path, key], lines[i] ?? `unknown key ${JSON.stringify(key)}`, 'key'),
    );
  }
  // A schema's own message (the URL hint, say) also covers a missing value; "missing" says more.
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const message = missing ? missingKeyMessage(String(issue.path.at(-1))) : redact(issue.message, issue, ctx);
  return [problemAt(ctx, issue.path, message)];
}

export function envProblemToProblem(problem: EnvProblem, ctx: IssueContext): ConfigProblem {
  const { line, col } = ctx.lineCounter.linePos(problem.offset);
  const out: ConfigProblem = {
    file: ctx.file,
    line,
    col,
    path: formatPath(problem.path),
    message: problem.message,
  };
  if (problem.variable !== undefined) out.fix = `export ${problem.variable}=...`;
  return out;
}

function startsWith(path: ConfigPath, prefix: ConfigPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

/** Issues caused by an unresolved reference (its "" fails `min(1)`, say) repeat that problem: drop them. */
export function withoutEnvEchoes(
  issues: readonly z.core.$ZodIssue[],
  envProblems: readonly EnvProblem[],
): z.core.$ZodIssue[] {
  return issues.filter((issue) => !envProblems.some((p) => startsWith(issue.path, p.path)));
}
