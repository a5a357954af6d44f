// The `sources:` list. Each entry is validated by the schema of its own `type`, supplied by the caller
// (the connector registry), so this module never imports connectors. Ids must be unique across entries.
import { z } from 'zod';
import type { SourceConfigBaseSchema } from '../contracts/index.js';
import { configErrorMap, describeValue } from './messages.js';
import { closest } from './suggest.js';

/** What every source entry has after validation; the rest belongs to its connector's schema. */
export type SourceConfig = z.output<typeof SourceConfigBaseSchema> & Record<string, unknown>;

/** Per-type schemas, keyed by the value of `type` (e.g. `servicenow`). */
export type SourceSchemas = Readonly<Record<string, z.ZodType>>;

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function typeProblem(type: unknown, known: readonly string[], noun: string): string {
  const choices = known.map((t) => JSON.stringify(t)).join(', ');
  if (type === undefined) return `missing required key "type": set it to one of ${choices}`;
  if (typeof type !== 'string') return `expected a string, got ${describeValue(type)}: use one of ${choices}`;
  const guess = closest(type, known);
  const hint = guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
  return `unknown ${noun} type ${JSON.stringify(type)}${hint}: known types are ${choices}`;
}

export function sourcesSchema(sourceSchemas: SourceSchemas) {
  return typedEntriesSchema<SourceConfig>(
    sourceSchemas,
    'source',
    z.array(z.unknown()).min(1, 'list at least one source (config/example.yaml shows a ServiceNow one)'),
  );
}

/**
 * A list of entries each validated by the schema its `type` names (sources, ticket sinks), with ids
 * unique across the list.
 */
export function typedEntriesSchema<T>(
  schemas: SourceSchemas,
  noun: string,
  list: z.ZodType<unknown[]> = z.array(z.unknown()),
) {
  const known = Object.keys(schemas).sort();
  return list.transform((entries, ctx): T[] => {
    const out: T[] = [];
    const firstIndexOfId = new Map<string, number>();
    entries.forEach((entry, index) => {
      if (!isMapping(entry)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          input: entry,
          message: `expected a mapping (key: value) describing one ${noun}, got ${describeValue(entry)}`,
        });
        return;
      }
      // Checked on the raw entry so that a duplicate is reported even when the entries have other problems.
      if (typeof entry.id === 'string') {
        const first = firstIndexOfId.get(entry.id);
        if (first === undefined) firstIndexOfId.set(entry.id, index);
        else
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            input: entry.id,
            message: `duplicate ${noun} id ${JSON.stringify(entry.id)} (${noun}s[${first}] has it already): give each ${noun} its own id`,
          });
      }
      const schema =
        typeof entry.type === 'string' && Object.hasOwn(schemas, entry.type)
          ? schemas[entry.type]
          : undefined;
      if (schema === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'type'],
          input: entry.type,
          message: typeProblem(entry.type, known, noun),
        });
        return;
      }
      // A nested parse: its issues are already worded (same error map) and keep their input, so the
      // loader can point at them; prefixing the index places them under this entry.
      const result = schema.safeParse(entry, { reportInput: true, error: configErrorMap });
      if (result.success) out.push(result.data as T);
      else
        for (const issue of result.error.issues)
          ctx.issues.push({ ...issue, path: [index, ...issue.path] } as z.core.$ZodRawIssue);
    });
    return out;
  });
}
