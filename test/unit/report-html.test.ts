// The HTML evidence pack: every value escaped (records hold user text), self-contained, opening with
// the clause heat map, failing records capped with "and N more", waivers, checklist and crosswalk shown.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render-html.js';
import { incident } from '../fixtures/mappings/records.js';
import { fixtureReport } from '../fixtures/report/build.js';

describe('HTML report', () => {
  it('escapes an incident title holding a script, and never links a javascript: URL', () => {
    const evil = incident({
      id: 'x1',
      key: 'INC-"><img src=x onerror=alert(1)>',
      url: 'javascript:alert(1)',
      closeNotes: null,
      title: '<script>alert(1)</script>',
    });
    const html = renderHtml(fixtureReport([evil]));
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('INC-&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('href="javascript:');
    // Web links to records stay links.
    expect(html).toContain('href="https://example.invalid/i2"');
  });

  it('is one self-contained file: inline CSS, no script, no external fetch, print rules', () => {
    const html = renderHtml(fixtureReport());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|@import|url\(|src="http/i);
    expect(html).toMatch(/@media print \{[^]*break-before: page/);
    expect(html).toMatch(/a\.ext\[href\]::after \{ content: " \(" attr\(href\) "\)"/);
  });

  it('opens with the heat map, a cell per clause coloured by status with counts', () => {
    const html = renderHtml(fixtureReport());
    const heat = html.indexOf('id="heatmap"');
    expect(heat).toBeGreaterThan(0);
    expect(heat).toBeLessThan(html.indexOf('class="clause-group"'));
    expect(html).toMatch(
      /<a class="cell s-alarm" href="#clause-8\.6\.1"[^>]*><span class="id">8\.6\.1<\/span><span class="t">Incidents<\/span><span class="n">7\/11 pass, 4 fail<\/span>/,
    );
    expect(html).toMatch(/<a class="cell s-manual" href="#clause-9"/);
  });

  it('shows figures, the 2011 clause, waivers with expiry, and the manual checklist', () => {
    const html = renderHtml(fixtureReport());
    expect(html).toMatch(
      /<h3>8\.6\.1 Incidents <span class="badge s-alarm">alarm<\/span><span class="crosswalk">2011: 8\.1<\/span>/,
    );
    expect(html).toContain('2 of 5 records passed (40%)');
    expect(html).toMatch(
      /<td>T-CHG-APPROVED<\/td><td>CHG-c2<\/td><td>approved by phone, see minutes<\/td><td class="date">2026-12-31<\/td>/,
    );
    const manual = html.slice(html.indexOf('id="manual"'), html.indexOf('id="sample"'));
    expect(manual).toContain('Internal audit programme');
    expect(manual).toContain('Operational plan for the year');
    expect(manual).toContain('Major-incident procedure');
    expect(html).toContain("Auditor's sample (seed 99)");
  });

  it('caps failing records per control with "and N more"', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      incident({ id: `m${String(i).padStart(2, '0')}`, closeNotes: null }),
    );
    const html = renderHtml(fixtureReport(many), { failureCap: 50 });
    // 63 fail T-INC-NOTES (the 60 plus i2, i3, i7): 50 shown.
    expect(html).toContain('<strong>Failing: 63</strong>');
    expect(html).toContain('and 13 more (the CSV and JSON formats list every one)');
  });

  it('says so when there are no records', () => {
    const html = renderHtml(fixtureReport([], { records: () => [] }));
    expect(html).toContain('The record cache is empty');
    expect(html).toContain('no incident records from any source');
  });
});
