// The dashboard at "/" over the API test fixture (a real config, a hand-made state): the heat map shows
// the last assessment's clause statuses, the GET filters narrow the findings table, every value is
// escaped, the chart has one point per finished run, and the page carries the security headers with a
// CSP that allows no script at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyState } from '../../src/state/state-schema.js';
import { SECRETS, makeServer, makeState } from './api-fixture.js';

type Server = Awaited<ReturnType<typeof makeServer>>;
let s: Server;

beforeAll(async () => {
  const state = makeState();
  // A reason as a user could type it into a ticket; the page must show it as text.
  const first = Object.values(state.findings)[0]!;
  first.reason = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
  first.subject = '"><b>CHG</b>';
  s = await makeServer({ state });
});
afterAll(async () => {
  await s.server.close();
});

async function page(url = '/') {
  const res = await s.app.inject({ url });
  return { res, html: res.body };
}

/** The findings table's body rows (one per finding shown). */
const findingRows = (html: string): string[] => html.match(/<tr data-fingerprint="[^"]*">/g) ?? [];
/** Heat-map cells as clause -> status. */
function cells(html: string): Map<string, string> {
  const found = [...html.matchAll(/class="cell s-[a-z_]+" data-clause="([^"]+)" data-status="([a-z_]+)"/g)];
  return new Map(found.map((m) => [m[1]!, m[2]!]));
}

describe('dashboard page', () => {
  it('renders the clause heat map from the last assessment and the pack', async () => {
    const { res, html } = await page();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const map = cells(html);
    expect(map.get('8.5.1')).toBe('alarm');
    // Clauses the assessment did not cover are shown, not hidden.
    expect(map.get('4.1')).toBe('not_assessed');
    expect(map.size).toBeGreaterThan(50);
    expect(html).toContain('180/200 pass');
    expect(html).toContain('20 fail · 80 open');
    // A cell links to the findings filtered by its clause.
    expect(html).toContain('href="/?clause=8.5.1#findings"');
  });

  it('filters the findings table with the GET form parameters, "" meaning any', async () => {
    const all = findingRows((await page('/')).html);
    expect(all).toHaveLength(120);
    const open = findingRows((await page('/?status=open')).html);
    expect(open).toHaveLength(80);
    const major = findingRows((await page('/?clause=8.5.1&status=open&severity=major')).html);
    expect(major).toHaveLength(16);
    const asForm = await page('/?clause=8.5.1&status=&severity=major');
    expect(findingRows(asForm.html)).toHaveLength(24);
    expect(asForm.html).toContain('24 of 120 findings (clause 8.5.1, severity major)');
    expect(asForm.html).toMatch(/<option value="major" selected>/);
    expect(findingRows((await page('/?clause=4.1')).html)).toHaveLength(0);
    expect((await page('/?clause=4.1')).html).toContain('No findings match.');
  });

  it('refuses malformed and unknown filters with the API error shape', async () => {
    for (const url of ['/?status=closed', '/?clause=abc', '/?source=snow-prod']) {
      const res = await s.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    }
  });

  it('links findings to their gap ticket and to the API JSON, and escapes every value', async () => {
    const { html } = await page('/?status=open&severity=minor');
    const row = html.split('\n').find((line) => line.includes('data-fingerprint="0000000000000001"'))!;
    expect(row).toContain('<a class="ext" href="https://acme.service-now.com/x?sys_id=1">ISS001</a>');
    expect(row).toContain('resolved');
    expect(row).toContain(
      'href="/api/v1/findings?control=CH1-approved-before-implementation&amp;status=open',
    );

    const all = (await page('/')).html;
    expect(all).not.toContain('<script');
    expect(all).not.toContain('<img');
    expect(all).not.toContain('<b>CHG');
    expect(all).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(all).toContain('&quot;&gt;&lt;b&gt;CHG&lt;/b&gt;');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });

  it('draws one chart point per finished run with axis labels', async () => {
    const { html } = await page();
    const svg = html.slice(html.indexOf('<svg class="chart"'), html.indexOf('</svg>'));
    // The fixture has five runs; the fifth is still going, so it has no finish time to plot.
    const points = [...svg.matchAll(/<circle class="pt run-([a-z]+)" data-run="([^"]+)" data-open="(\d+)"/g)];
    expect(points.map((m) => m[2])).toEqual(['run-1', 'run-2', 'run-3', 'run-4']);
    expect(points.map((m) => m[1])).toEqual(['ok', 'failed', 'ok', 'ok']);
    expect(svg).toContain('>open findings</text>');
    expect(svg).toContain('>run finished (UTC)</text>');
    expect(svg).toContain('<polyline class="series"');
  });

  it('shows source health per source and stream with the next run and the scrubbed last error', async () => {
    const { html } = await page();
    const section = html.slice(
      html.indexOf('<section id="sources">'),
      html.indexOf('<section id="findings">'),
    );
    expect(section.match(/<tr data-source=/g)).toHaveLength(4);
    expect(section).toContain('2026-11-20 12:15');
    expect(section).toContain('SOURCE_AUTH');
    expect(section).toContain('[REDACTED]');
    expect(section).toContain('no longer configured');
  });

  it('sends the security headers and a CSP with no script source and only the hashed style', async () => {
    const { res, html } = await page();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self';/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    // The one style block is the hashed one; no element carries a style attribute the CSP would block.
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('stays out of the OpenAPI document, which describes the JSON API', async () => {
    const doc = (await s.app.inject({ url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).not.toContain('/');
  });

  it('renders a fresh install (no runs, no assessment, no findings) without gaps or errors', async () => {
    const fresh = await makeServer({ state: emptyState() });
    try {
      const res = await fresh.app.inject({ url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('No finished runs yet');
      expect(res.body).toContain('No assessment yet');
      expect(res.body).toContain('not polled yet');
      expect(res.body).toContain('No findings match.');
      expect(cells(res.body).get('8.5.1')).toBe('not_assessed');
    } finally {
      await fresh.server.close();
    }
  });
});
