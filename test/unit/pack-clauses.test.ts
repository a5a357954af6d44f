// The ISO/IEC 20000-1:2018 clause pack matches the vetted clause tree and carries guidance for every
// automated clause. The id list is the tree in shared/reference/iso20000-1-2018.md, section 1.1.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const PACK_DIR = join(import.meta.dirname, '../../mappings/iso20000-1-2018');

const VETTED_IDS = [
  '4',
  '4.1',
  '4.2',
  '4.3',
  '4.4',
  '5',
  '5.1',
  '5.2',
  '5.2.1',
  '5.2.2',
  '5.3',
  '6',
  '6.1',
  '6.2',
  '6.2.1',
  '6.2.2',
  '6.3',
  '7',
  '7.1',
  '7.2',
  '7.3',
  '7.4',
  '7.5',
  '7.5.1',
  '7.5.2',
  '7.5.3',
  '7.5.4',
  '7.6',
  '8',
  '8.1',
  '8.2',
  '8.2.1',
  '8.2.2',
  '8.2.3',
  '8.2.4',
  '8.2.5',
  '8.2.6',
  '8.3',
  '8.3.1',
  '8.3.2',
  '8.3.3',
  '8.3.4',
  '8.3.4.1',
  '8.3.4.2',
  '8.4',
  '8.4.1',
  '8.4.2',
  '8.4.3',
  '8.5',
  '8.5.1',
  '8.5.1.1',
  '8.5.1.2',
  '8.5.1.3',
  '8.5.2',
  '8.5.2.1',
  '8.5.2.2',
  '8.5.2.3',
  '8.5.3',
  '8.6',
  '8.6.1',
  '8.6.2',
  '8.6.3',
  '8.7',
  '8.7.1',
  '8.7.2',
  '8.7.3',
  '8.7.3.1',
  '8.7.3.2',
  '8.7.3.3',
  '9',
  '9.1',
  '9.2',
  '9.3',
  '9.4',
  '10',
  '10.1',
  '10.2',
];

const TOP_LEVEL = ['4', '5', '6', '7', '8', '9', '10'];
const GUIDANCE_HEADINGS = [
  'What an auditor looks for',
  'Typical gaps',
  'How to fix a gap',
  'What the records show',
];

interface Clause {
  id: string;
  title: string;
  parent?: string;
  automation: string;
  crosswalk2011?: string[];
  evidence?: string[];
}

const doc = parse(readFileSync(join(PACK_DIR, 'clauses.yaml'), 'utf8')) as { clauses: Clause[] };
const clauses = doc.clauses;
const ids = clauses.map((c) => c.id);

describe('iso20000-1-2018 clauses.yaml', () => {
  it('has a list of clauses with string ids', () => {
    expect(Array.isArray(clauses)).toBe(true);
    for (const c of clauses) expect(typeof c.id, JSON.stringify(c)).toBe('string');
  });

  it('has unique ids', () => {
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it('holds every id of the vetted tree and nothing else', () => {
    expect(VETTED_IDS.filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids.filter((id) => !VETTED_IDS.includes(id))).toEqual([]);
  });

  it('gives every non-top clause an existing parent that prefixes its id', () => {
    for (const c of clauses) {
      if (TOP_LEVEL.includes(c.id)) {
        expect(c.parent, c.id).toBeUndefined();
        continue;
      }
      expect(c.parent, c.id).toBeDefined();
      expect(ids, c.id).toContain(c.parent);
      expect(c.id.startsWith(`${c.parent}.`), c.id).toBe(true);
      expect(c.id.split('.').length, c.id).toBe(c.parent!.split('.').length + 1);
    }
  });

  it('uses only manual or automated', () => {
    for (const c of clauses) expect(['manual', 'automated'], c.id).toContain(c.automation);
  });

  it('lists at least two evidence items for every manual clause', () => {
    for (const c of clauses.filter((x) => x.automation === 'manual')) {
      expect(Array.isArray(c.evidence), c.id).toBe(true);
      expect(c.evidence!.length, c.id).toBeGreaterThanOrEqual(2);
      for (const e of c.evidence!) expect(typeof e === 'string' && e.trim().length > 0, c.id).toBe(true);
    }
  });

  it('keeps crosswalk entries as lists of strings', () => {
    for (const c of clauses.filter((x) => x.crosswalk2011 !== undefined)) {
      expect(Array.isArray(c.crosswalk2011), c.id).toBe(true);
      for (const x of c.crosswalk2011!) expect(x, c.id).toMatch(/^\d+(\.\d+)*$/);
    }
  });

  it('has a guidance file with the four sections for every automated clause', () => {
    for (const c of clauses.filter((x) => x.automation === 'automated')) {
      const file = join(PACK_DIR, 'guidance', `${c.id}.md`);
      expect(existsSync(file), file).toBe(true);
      const text = readFileSync(file, 'utf8');
      for (const h of GUIDANCE_HEADINGS) {
        expect(text, `${c.id}: ${h}`).toMatch(new RegExp(`^#+ ${h}\\s*$`, 'm'));
      }
    }
  });

  it('keeps every title non-empty and at most 60 characters', () => {
    for (const c of clauses) {
      expect(typeof c.title === 'string' && c.title.trim().length > 0, c.id).toBe(true);
      expect(c.title.length, c.id).toBeLessThanOrEqual(60);
    }
  });
});
