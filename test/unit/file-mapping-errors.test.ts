// Mapping-file mistakes come back as `file:line:col path: message`, pointing at the line to edit.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMappingForKind } from '../../connectors/file/mapping-check.js';
import { loadMappingFile, parseMappingText } from '../../connectors/file/mapping-load.js';
import { formatProblem } from '../../connectors/file/problems.js';
import { AppError } from '../../src/contracts/index.js';

const DIR = path.join(import.meta.dirname, '../fixtures/imports/mappings');

/** Every problem line a mapping file produces, loading and checking it for incidents. */
async function problemLines(name: string): Promise<{ code: string; lines: string[] }> {
  const file = path.join(DIR, name);
  try {
    const loaded = await loadMappingFile(file);
    return { code: 'CHECK', lines: checkMappingForKind(loaded, 'incident').map(formatProblem) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, lines: error.message.split('\n') };
  }
}

describe('import mapping errors', () => {
  it.each([
    ['unknown-option.yaml', 'CONFIG_INVALID', '4:3 csv.delimeter: unknown option "delimeter"'],
    [
      'unknown-field.yaml',
      'CHECK',
      '5:3 fields.priorty: incident records have no field "priorty" (did you mean "priority"?)',
    ],
    [
      'bad-map-target.yaml',
      'CHECK',
      '9:13 fields.state.map.Done: "finished": must be one of new, in_progress, on_hold, resolved, closed, canceled, other',
    ],
    ['bad-date-format.yaml', 'CHECK', '4:12 dates.formats: unknown date token "Q" in "DD/QQ/YYYY"'],
    ['bad-timezone.yaml', 'CHECK', '4:13 dates.timezone: unknown time zone "Mars/Olympus_Mons"'],
    ['no-id.yaml', 'CHECK', '3:1 fields: map the record id'],
    [
      'bad-field-spec.yaml',
      'CONFIG_INVALID',
      '5:13 fields.priority: give exactly one of column, value or template',
    ],
    ['syntax-error.yaml', 'CONFIG_SYNTAX', '3:7: Nested mappings are not allowed in compact mappings'],
  ])('%s -> %s at file:line:col', async (name, code, expected) => {
    const result = await problemLines(name);
    expect(result.code).toBe(code);
    expect(result.lines.some((line) => line.startsWith(`${path.join(DIR, name)}:${expected}`))).toBe(true);
  });

  it('checks constants against the field type once the kind is known', () => {
    const loaded = parseMappingText(
      'fields:\n  id: Number\n  reopenCount: { column: Reopen, ifPresent: many }\n  major: { value: 3 }\n',
      'inline.yaml',
    );
    expect(checkMappingForKind(loaded, 'incident').map(formatProblem)).toEqual([
      'inline.yaml:3:45 fields.reopenCount.ifPresent: "many": must be a whole number of at least 0',
      'inline.yaml:4:19 fields.major.value: 3: must be true or false',
    ]);
  });

  it('refuses a mapping written for another kind', () => {
    const loaded = parseMappingText('kind: change\nfields:\n  id: Number\n', 'changes.yaml');
    expect(checkMappingForKind(loaded, 'incident').map(formatProblem)).toEqual([
      'changes.yaml:1:7 kind: this mapping is for change records, but --kind is incident',
    ]);
  });

  it('names a missing mapping file', async () => {
    await expect(loadMappingFile(path.join(DIR, 'absent.yaml'))).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
    });
  });

  it('accepts every mapping shipped in config/imports', async () => {
    const root = path.join(import.meta.dirname, '../../config/imports');
    for (const [name, kind] of [
      ['bpic2014-incidents.yaml', 'incident'],
      ['bpic2014-changes.yaml', 'change'],
      ['bpic2014-interactions.yaml', 'request'],
      ['bpic2013-problems.yaml', 'problem'],
    ] as const) {
      const loaded = await loadMappingFile(path.join(root, name));
      expect(checkMappingForKind(loaded, kind)).toEqual([]);
    }
  });
});
