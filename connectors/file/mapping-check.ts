// The checks a mapping needs its kind for: canonical field names, constants and map targets of the
// right type, date layouts and the time zone. Run before the data file is opened.
import type { RecordKind } from '../../src/contracts/index.js';
import { compileDateFormat } from './date-format.js';
import { fieldTypes, type FieldType } from './field-types.js';
import type { LoadedMapping } from './mapping-load.js';
import type { FieldInput } from './mapping-schema.js';
import { closest, type ImportProblem } from './problems.js';
import { checkConstant } from './value-converters.js';

const EXTRA_TYPES: Record<string, FieldType> = {
  text: { type: 'text', nullable: true },
  number: { type: 'number', nullable: true, min: -Infinity },
  int: { type: 'int', nullable: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  date: { type: 'date', nullable: true },
  boolean: { type: 'boolean', nullable: true },
};

export function extraFieldType(field: FieldInput): FieldType {
  return EXTRA_TYPES[typeof field === 'string' ? 'text' : (field.type ?? 'text')]!;
}

export function checkMappingForKind(loaded: LoadedMapping, kind: RecordKind): ImportProblem[] {
  const { mapping, problemAt } = loaded;
  const problems: ImportProblem[] = [];
  if (mapping.kind !== undefined && mapping.kind !== kind)
    problems.push(problemAt(['kind'], `this mapping is for ${mapping.kind} records, but --kind is ${kind}`));
  const types = fieldTypes(kind);
  if (mapping.fields['id'] === undefined)
    problems.push(
      problemAt(['fields'], 'map the record id: `id: <column>` (a value unique per record)', 'key'),
    );
  for (const [name, field] of Object.entries(mapping.fields)) {
    const type = types.get(name);
    if (type === undefined) {
      const guess = closest(name, types.keys());
      const hint =
        guess === undefined
          ? `; ${kind} fields: ${[...types.keys()].join(', ')}`
          : ` (did you mean "${guess}"?)`;
      problems.push(problemAt(['fields', name], `${kind} records have no field "${name}"${hint}`, 'key'));
      continue;
    }
    problems.push(...checkField(loaded, ['fields', name], field, type));
  }
  for (const [name, field] of Object.entries(mapping.extra))
    problems.push(...checkField(loaded, ['extra', name], field, extraFieldType(field)));
  try {
    for (const format of mapping.dates.formats) compileDateFormat(format, mapping.dates.timezone);
  } catch (error) {
    const bad = (error as Error).message;
    problems.push(problemAt(bad.includes('time zone') ? ['dates', 'timezone'] : ['dates', 'formats'], bad));
  }
  return problems;
}

function checkField(
  loaded: LoadedMapping,
  path: readonly (string | number)[],
  field: FieldInput,
  type: FieldType,
): ImportProblem[] {
  if (typeof field === 'string') return [];
  const problems: ImportProblem[] = [];
  const constant = (where: readonly (string | number)[], value: unknown) => {
    const wrong = checkConstant(value, type);
    if (wrong !== undefined) problems.push(loaded.problemAt(where, `${JSON.stringify(value)}: ${wrong}`));
  };
  if (field.value !== undefined) constant([...path, 'value'], field.value);
  if (field.default !== undefined) constant([...path, 'default'], field.default);
  if (field.ifPresent !== undefined) constant([...path, 'ifPresent'], field.ifPresent);
  if (field.ifMissing !== undefined) constant([...path, 'ifMissing'], field.ifMissing);
  for (const [from, to] of Object.entries(field.map ?? {})) constant([...path, 'map', from], to);
  if (field.formats !== undefined && type.type !== 'date')
    problems.push(loaded.problemAt([...path, 'formats'], 'date formats apply to date fields only'));
  if (field.template !== undefined && type.type !== 'text')
    problems.push(loaded.problemAt([...path, 'template'], 'a template makes text; this field is not text'));
  try {
    for (const format of field.formats ?? []) compileDateFormat(format, loaded.mapping.dates.timezone);
  } catch (error) {
    problems.push(loaded.problemAt([...path, 'formats'], (error as Error).message));
  }
  return problems;
}
