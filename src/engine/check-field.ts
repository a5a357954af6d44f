// Field references in a control: the path must exist in the resource kind's canonical schema.
import type { RecordKind } from '../contracts/records.js';
import { closest } from '../settings/suggest.js';
import { fieldInfo, fieldsOf, type FieldType } from './fields.js';
import type { ProblemPath, RawProblem } from './problem.js';

export function checkField(
  kind: RecordKind,
  field: unknown,
  path: ProblemPath,
  out: RawProblem[],
  want?: FieldType,
): FieldType | undefined {
  if (typeof field !== 'string' || field === '') {
    out.push({ path, message: 'expected a field name (a string)' });
    return undefined;
  }
  const info = fieldInfo(kind, field);
  if (info === undefined) {
    const guess = closest(field, fieldsOf(kind).keys());
    const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
    out.push({ path, message: `${kind} records have no field "${field}"${hint}` });
    return undefined;
  }
  if (want !== undefined && info.type !== want && info.type !== 'any') {
    out.push({ path, message: `field "${field}" holds a ${info.type}, a ${want} is needed here` });
  }
  return info.type;
}
