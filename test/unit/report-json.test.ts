// JSON: the model itself, valid against EvidenceReportSchema, with every failing record; and Markdown,
// whose record text cannot break out of its table cell.
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/render-json.js';
import { renderMarkdown } from '../../src/report/render-md.js';
import { EvidenceReportSchema } from '../../src/report/report-schema.js';
import { incident } from '../fixtures/mappings/records.js';
import { fixtureReport } from '../fixtures/report/build.js';

describe('JSON report', () => {
  const many = Array.from({ length: 60 }, (_, i) => incident({ id: `m${i}`, closeNotes: null }));
  const report = fixtureReport(many);
  const parsed: unknown = JSON.parse(renderJson(report));

  it('validates against its zod schema and equals the model', () => {
    expect(EvidenceReportSchema.parse(parsed)).toEqual(report);
  });

  it('is refused by the schema when a figure is out of range', () => {
    const broken = structuredClone(parsed) as { controls: { passRate: number }[] };
    broken.controls[0]!.passRate = 2;
    expect(EvidenceReportSchema.safeParse(broken).success).toBe(false);
  });

  it('carries every failing record', () => {
    const notes = (parsed as typeof report).controls.find((c) => c.id === 'T-INC-NOTES')!;
    expect(notes.failures).toHaveLength(63);
  });
});

describe('Markdown report', () => {
  it('keeps record text inside its cell and caps failures with "and N more"', () => {
    const sneaky = incident({
      id: 'a0',
      closeNotes: null,
      title: 'a | b\n# heading [x](javascript:alert(1)) <b>',
    });
    const many = Array.from({ length: 55 }, (_, i) => incident({ id: `m${i}`, closeNotes: null }));
    const md = renderMarkdown(fixtureReport([sneaky, ...many]), { failureCap: 50 });
    const line = md.split('\n').find((l) => l.includes('INC-a0 has no close notes'))!;
    expect(line).toContain('a \\| b # heading \\[x\\](javascript:alert(1)) &lt;b&gt;');
    expect(line.split(/(?<!\\)\|/).length).toBe(7);
    expect(md).toContain('_and 9 more (the CSV and JSON formats list every one)_');
    expect(md).toContain('- [ ] Management review minutes');
    expect(md).toMatch(/\| 8\.6\.1 \| 8\.1 \| Incidents \| alarm \|/);
  });
});
