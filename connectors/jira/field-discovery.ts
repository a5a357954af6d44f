// Finds the site's ids of the fields behind canonical fields (GET /rest/api/3/field): custom field ids
// differ per site, their names follow JSM's templates. A name the config gives must exist; a default name
// that is missing just leaves its canonical field null.
import { AppError } from '../../src/contracts/index.js';
import { CANONICAL_FIELD_NAMES, DEFAULT_FIELD_NAMES, type CanonicalFieldName } from './field-names.js';

export interface JiraFieldInfo {
  id: string;
  name: string;
}

export type ResolvedFields = Partial<Record<CanonicalFieldName, string>>;

/** A field by id ("customfield_10007", "priority") or by name, case-insensitively. */
export function findField(fields: readonly JiraFieldInfo[], ref: string): JiraFieldInfo | undefined {
  const lower = ref.toLowerCase();
  return fields.find((f) => f.id === ref) ?? fields.find((f) => f.name.toLowerCase() === lower);
}

export function missingFieldError(instance: string, ref: string, where: string): AppError {
  return new AppError(
    'SOURCE_BAD_REQUEST',
    `${instance}: the field "${ref}" named in ${where} does not exist on the site or the account cannot see it ` +
      '(GET /rest/api/3/field, /rest/api/2/field on Data Center, lists the fields); correct the name or id in the config',
    { details: { field: ref, config: where } },
  );
}

export function resolveFields(
  fields: readonly JiraFieldInfo[],
  overrides: Readonly<Record<string, string>>,
  instance: string,
): ResolvedFields {
  const resolved: ResolvedFields = {};
  for (const name of CANONICAL_FIELD_NAMES) {
    const override = overrides[name];
    if (override !== undefined) {
      const found = findField(fields, override);
      if (found === undefined) throw missingFieldError(instance, override, `fields.${name}`);
      resolved[name] = found.id;
      continue;
    }
    for (const candidate of DEFAULT_FIELD_NAMES[name]) {
      const found = findField(fields, candidate);
      if (found !== undefined) {
        resolved[name] = found.id;
        break;
      }
    }
  }
  return resolved;
}
