// Turns zod's issues into sentences a person editing YAML understands: YAML words (mapping, list), the
// value that was found, and what to write instead. Messages a schema sets itself (e.g. the cron hint)
// take precedence over these, as zod gives a schema's own message priority over a parse-time map.
import type { z } from 'zod';
import { closest } from './suggest.js';

type RawIssue = z.core.$ZodRawIssue;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
  date: 'a date',
  null: 'an empty value',
};

/** A short description of a value as found in the file: `string "abc"`, `number 5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** The keys an object schema accepts, read from the schema that raised the issue. */
function knownKeys(issue: RawIssue): string[] {
  const def = (issue.inst as { _zod?: { def?: { shape?: unknown } } } | undefined)?._zod?.def;
  return def?.shape !== null && typeof def?.shape === 'object' ? Object.keys(def.shape) : [];
}

/** `unknown key "pasword" (did you mean "password"?)`, or the list of allowed keys when nothing is close. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const guess = closest(key, allowed);
  if (guess !== undefined)
    return `unknown key ${JSON.stringify(key)} (did you mean ${JSON.stringify(guess)}?)`;
  const list = allowed.length > 0 ? ` (allowed here: ${allowed.join(', ')})` : '';
  return `unknown key ${JSON.stringify(key)}: remove it${list}`;
}

export function missingKeyMessage(key: string): string {
  return `missing required key ${JSON.stringify(key)}: add it (config/example.yaml shows every option)`;
}

function sizeMessage(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && bound === 1) return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${bound} characters long`;
    case 'array':
    case 'set':
      if (small && bound === 1) return 'must list at least one entry';
      return `must list ${small ? 'at least' : 'at most'} ${bound} entries`;
    default: {
      const relation = small
        ? inclusive
          ? 'at least'
          : 'greater than'
        : inclusive
          ? 'at most'
          : 'less than';
      return `must be ${relation} ${bound}, got ${String(issue.input)}`;
    }
  }
}

function invalidTypeMessage(issue: RawIssue & { code: 'invalid_type' }): string {
  // (A missing key, input undefined, is worded by the loader, which must also override schema messages.)
  if ((issue.path ?? []).length === 0 && issue.expected === 'object') {
    return `the top level must be a mapping of options (dataDir, log, api, sources, mappings), got ${describeValue(issue.input)}: start from config/example.yaml`;
  }
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  const base = `expected ${expected}, got ${describeValue(issue.input)}`;
  // A quoted number or boolean is a string in YAML: say so rather than leave the user puzzled.
  if (typeof issue.input === 'string' && (issue.expected === 'number' || issue.expected === 'int')) {
    return /^\s*-?\d+(\.\d+)?\s*$/.test(issue.input)
      ? `${base}: remove the quotes`
      : `${base}: write a number`;
  }
  if (issue.expected === 'string' && ['number', 'boolean'].includes(typeof issue.input)) {
    return `${base}: put it in quotes`;
  }
  if (
    typeof issue.input === 'string' &&
    issue.expected === 'boolean' &&
    /^(true|false)$/i.test(issue.input)
  ) {
    return `${base}: write true or false without quotes`;
  }
  return base;
}

function invalidUnionMessage(issue: RawIssue & { code: 'invalid_union' }): string {
  const { discriminator } = issue;
  const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
  if (discriminator === undefined || options.length === 0) {
    return 'does not match any of the accepted forms (config/example.yaml shows them)';
  }
  const input = issue.input;
  const value =
    input !== null && typeof input === 'object'
      ? (input as Record<string, unknown>)[discriminator]
      : undefined;
  const choices = quoteList(options);
  if (value === undefined)
    return `missing required key ${JSON.stringify(discriminator)}: set it to one of ${choices}`;
  const guess = typeof value === 'string' ? closest(value, options.map(String)) : undefined;
  const hint = guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
  return `unknown ${discriminator} ${JSON.stringify(value)}${hint}: use one of ${choices}`;
}

function invalidValueMessage(issue: RawIssue & { code: 'invalid_value' }): string {
  const { values, input } = issue;
  if (values.length === 1) return `expected ${JSON.stringify(values[0])}, got ${describeValue(input)}`;
  const guess = typeof input === 'string' ? closest(input, values.map(String)) : undefined;
  const hint = guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
  return `expected one of ${quoteList(values)}, got ${describeValue(input)}${hint}`;
}

/**
 * The zod error map of the settings loader. For `unrecognized_keys` it returns one line per key, in the
 * order of `issue.keys`, because the loader reports each unknown key at its own position.
 */
export function configErrorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return invalidTypeMessage(issue);
    case 'unrecognized_keys': {
      const allowed = knownKeys(issue);
      return issue.keys.map((key) => unknownKeyMessage(key, allowed)).join('\n');
    }
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_value':
      return invalidValueMessage(issue);
    case 'invalid_union':
      return invalidUnionMessage(issue);
    case 'invalid_format':
      return issue.format === 'regex'
        ? `does not match the pattern ${issue.pattern ?? ''}`
        : `not a valid ${issue.format}`;
    case 'invalid_key':
      return `not an accepted key here: ${issue.issues[0]?.message ?? 'check the spelling'}`;
    default:
      return undefined;
  }
}
