// Every malformed mapping file gives exactly the one-line problem its first line expects.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPack, mappingError } from '../../src/engine/index.js';
import { expectedLine, MALFORMED_DIR, problemLines } from '../fixtures/mappings/malformed-pack.js';

const FILES = readdirSync(MALFORMED_DIR)
  .filter((n) => n.endsWith('.yaml'))
  .sort();

describe('malformed mapping files', () => {
  it('has at least 40 of them', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(FILES)('%s', async (name) => {
    const expected = expectedLine(readFileSync(join(MALFORMED_DIR, name), 'utf8'));
    expect(expected).not.toBe('');
    expect(await problemLines(name)).toEqual([expected]);
  });
});

describe('pack loading', () => {
  it('returns no pack when there are problems', async () => {
    const { pack, problems } = await loadPack('test/fixtures/mappings/no-such-pack');
    expect(pack).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([
      'cannot read clauses.yaml: a pack needs it',
      'cannot read the controls directory: a pack needs one',
    ]);
  });
});

describe('reporting', () => {
  it('reports every problem of a file, in reading order, as MAPPING_INVALID', async () => {
    const { mkdtemp, mkdir, writeFile, cp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'iso20k-pack-'));
    await mkdir(join(dir, 'controls'));
    await cp('test/fixtures/mappings/sample/clauses.yaml', join(dir, 'clauses.yaml'));
    const text = [
      'controls:',
      '  - id: X-1',
      '    title: t',
      "    clauses: ['9.9']",
      '    kind: record',
      '    resource: incident',
      '    severity: minor',
      "    reason: '{key}'",
      '    guidance: g',
      '    assert: [{ field: nope, op: eq, value: 1 }, { field: state, op: like, value: x }]',
      '',
    ].join('\n');
    await writeFile(join(dir, 'controls', 'x.yaml'), text);
    const { problems } = await loadPack(dir);
    await rm(dir, { recursive: true, force: true });
    const error = mappingError(problems);
    expect(error.code).toBe('MAPPING_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.message.split('\n').map((l) => l.slice(l.indexOf('x.yaml')))).toEqual([
      'x.yaml:4:15 X-1 clauses[0]: clause "9.9" is not in clauses.yaml',
      'x.yaml:10:23 X-1 assert[0].field: incident records have no field "nope"',
      'x.yaml:10:69 X-1 assert[1].op: unknown operator "like" (allowed: eq, ne, gt, gte, lt, lte, in, not-in, contains, regex, present, absent, empty)',
    ]);
  });
});
