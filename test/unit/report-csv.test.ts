// CSV: RFC 4180 quoting (commas, quotes, line breaks), CRLF records, formulas neutralised, and every
// failing record listed (no cap).
import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../src/report/csv.js';
import { CSV_COLUMNS, renderCsv } from '../../src/report/render-csv.js';
import { incident } from '../fixtures/mappings/records.js';
import { fixtureReport } from '../fixtures/report/build.js';

/** A strict RFC 4180 reader, written here so the test does not trust the writer's own helpers. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r' || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last record not ended by CRLF');
  return rows;
}

describe('CSV fields', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('CSV report', () => {
  const awkward = incident({
    id: 'q1',
    key: 'INC-q1',
    closeNotes: null,
    title: 'Printer, "3rd floor"\nbroken',
  });
  const many = Array.from({ length: 60 }, (_, i) => incident({ id: `m${i}`, closeNotes: null }));
  const rows = parseCsv(renderCsv(fixtureReport([awkward, ...many])));
  const header = rows[0]!;
  const col = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);

  it('parses back as a rectangle with the header first', () => {
    expect(header).toEqual([...CSV_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('round-trips a title with a comma, quotes and a line break', () => {
    const q1 = rows.find(
      (r) =>
        r[col('row_type')] === 'failure' &&
        r[col('subject')] === 'INC-q1' &&
        r[col('control')] === 'T-INC-NOTES',
    )!;
    expect(q1[col('reason')]).toBe('INC-q1 has no close notes (Printer, "3rd floor"\nbroken)');
  });

  it('lists every failing record, uncapped, with its own dates and link', () => {
    const failures = rows.filter(
      (r) => r[col('row_type')] === 'failure' && r[col('control')] === 'T-INC-NOTES',
    );
    expect(failures).toHaveLength(64);
    const i7 = failures.find((r) => r[col('subject')] === 'INC-i7')!;
    expect(i7[col('created_at')]).toMatch(/^2025-/);
    expect(i7[col('closed_field')]).toBe('resolvedAt');
    expect(i7[col('record_url')]).toBe('https://example.invalid/i7');
  });

  it('carries clauses with their 2011 counterpart, waivers with expiry, checklist items and the seed', () => {
    const clause = rows.find((r) => r[col('row_type')] === 'clause' && r[col('clause')] === '8.6.1')!;
    expect(clause[col('clause_2011')]).toBe('8.1');
    const waiver = rows.find((r) => r[col('row_type')] === 'waiver')!;
    expect([waiver[col('control')], waiver[col('waiver_expires')], waiver[col('status')]]).toEqual([
      'T-CHG-APPROVED',
      '2026-12-31',
      'active',
    ]);
    expect(
      rows.some((r) => r[col('row_type')] === 'evidence' && r[col('reason')] === 'Management review minutes'),
    ).toBe(true);
    expect(
      rows.find((r) => r[col('row_type')] === 'meta' && r[col('subject')] === 'sample_seed')?.[col('reason')],
    ).toBe('99');
  });
});
