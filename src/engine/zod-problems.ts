// zod issues as one-line problems in the pack's own words.
import type { z } from 'zod';
import { unknownKeyMessage } from '../settings/messages.js';
import { describeValue, type ProblemPath, type RawProblem } from './problem.js';

/** Converts one issue; `allowedAt` names the keys a mapping accepts, for "did you mean". */
export function zodIssueToProblems(
  issue: z.core.$ZodIssue,
  base: ProblemPath,
  input: unknown,
  allowedAt: (path: ProblemPath) => readonly string[],
): RawProblem[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  const found = valueAt(input, issue.path as (string | number)[]);
  if (found === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    return [{ path, message: `missing required key "${String(path.at(-1))}"` }];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        at: 'key' as const,
        message: unknownKeyMessage(key, allowedAt(issue.path as (string | number)[])),
      }));
    case 'invalid_type':
      if (found === undefined) return [{ path, message: `missing required key "${String(path.at(-1))}"` }];
      return [{ path, message: `expected ${issue.expected}, got ${describeValue(found)}` }];
    case 'invalid_value':
      if (path.at(-1) === 'resource') {
        return [
          {
            path,
            message: `unknown resource kind ${JSON.stringify(found)} (allowed: ${issue.values.join(', ')})`,
          },
        ];
      }
      return [
        {
          path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(found)}`,
        },
      ];
    case 'invalid_union':
      return [
        {
          path,
          message: `${describeValue(found)} does not match any accepted form (see docs/mapping-language.md)`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
