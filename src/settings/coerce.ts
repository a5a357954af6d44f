// Numbers and booleans through the environment: `pageSize: ${SN_PAGE_SIZE}` yields the string "500",
// since interpolation produces text. Where the schema wants a number or boolean at a path whose value
// came from interpolation, the text is read as one. Only there: an interpolated secret such as
// "12345" stays the string the schema expects, which reading every interpolated value as YAML would break.
import type { z } from 'zod';
import { pathKey } from './env.js';

function convert(text: string, expected: string): number | boolean | undefined {
  const trimmed = text.trim();
  if (expected === 'boolean') {
    if (/^true$/i.test(trimmed)) return true;
    if (/^false$/i.test(trimmed)) return false;
    return undefined;
  }
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

function setAt(data: unknown, path: readonly PropertyKey[], value: unknown): boolean {
  let node = data;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  const last = path.at(-1);
  if (last === undefined || node === null || typeof node !== 'object') return false;
  (node as Record<PropertyKey, unknown>)[last] = value;
  return true;
}

/** Rewrites, in `data`, the interpolated values the issues say should be numbers or booleans. */
export function coerceInterpolated(
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
  interpolated: ReadonlyMap<string, readonly string[]>,
): boolean {
  let changed = false;
  for (const issue of issues) {
    if (issue.code !== 'invalid_type' || typeof issue.input !== 'string') continue;
    if (!['number', 'int', 'boolean'].includes(issue.expected) || !interpolated.has(pathKey(issue.path)))
      continue;
    const value = convert(issue.input, issue.expected);
    if (value !== undefined && setAt(data, issue.path, value)) changed = true;
  }
  return changed;
}
