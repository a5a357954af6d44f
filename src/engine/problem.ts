// A problem found in a pack before anything runs. Positions come later (locate-problem.ts), so the
// checks stay pure functions of the parsed data.

export type ProblemPath = readonly (string | number)[];

export interface RawProblem {
  /** Path inside the file's data, e.g. `['controls', 2, 'assert', 0, 'op']`. */
  path: ProblemPath;
  message: string;
  /** Point at the key (unknown keys) rather than its value. */
  at?: 'key' | 'value';
}

export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
