// The dashboard in a real browser: headless Chromium (Debian's package, driven by playwright-core, which
// ships no browser) against a real status API serving the state that three real `iso20k once` runs left
// against the ServiceNow simulator. It checks what a user sees: the heat map's statuses are the last
// assessment's, the filter form narrows the table without any script; with ISO20K_SCREENSHOTS=1 it
// refreshes docs/dashboard.png.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStateFiles } from '../helpers/state-files.js';
import { connectorSchemas } from '../../connectors/index.js';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import type { ApiDeps } from '../../src/api/api-deps.js';
import { createApiServer, type ApiServer } from '../../src/api/server.js';
import { TABLE_CAP } from '../../src/api/dashboard/findings-table.js';
import { loadConfig } from '../../src/settings/load.js';
import type { StateData } from '../../src/state/state-schema.js';
import { cliEnv, ROOT, runCli, writeCliConfig } from '../helpers/cli.js';
import { tempDir } from '../helpers/servicenow-sync.js';

/** Debian's chromium package; CHROMIUM_PATH for a browser elsewhere. */
const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (file): file is string => file !== undefined && file !== '' && existsSync(file),
);
const SKIP_REASON = 'skipped: no chromium executable (apt-get install chromium, or set CHROMIUM_PATH)';
const SCREENSHOT = path.join(ROOT, 'docs', 'dashboard.png');

const USER = 'svc-dashboard';
const PASSWORD = 'fake-dashboard-password';
const env = cliEnv({ SN_USERNAME: USER, SN_PASSWORD: PASSWORD });

let root: { dir: string; remove: () => Promise<void> } | undefined;
let sim: ServiceNowSimulator | undefined;
let api: ApiServer | undefined;
let browser: Browser | undefined;
let base = '';
let state: StateData;

async function once(config: string): Promise<void> {
  const run = await runCli(['once', '--config', config], env);
  // Gaps in the records are the point of the exercise, so exit 1 ("findings") is as good as 0 here.
  if (run.code === null || run.code > 1) throw new Error(`iso20k once failed (${run.code}): ${run.stderr}`);
}

describe.skipIf(CHROMIUM === undefined)(
  `dashboard in headless Chromium${CHROMIUM === undefined ? ` (${SKIP_REASON})` : ''}`,
  () => {
    beforeAll(async () => {
      root = await tempDir('iso20k-dashboard-e2e-');
      sim = createServiceNowSimulator({
        seed: 21,
        incidents: 300,
        problems: 30,
        changes: 40,
        requests: 0,
        cis: 50,
        knowledge: 10,
        reviews: 5,
        slas: 10,
        auth: { users: [{ username: USER, password: PASSWORD }] },
      });
      const url = await sim.listen();
      const dataDir = path.join(root.dir, 'data');
      const config = await writeCliConfig(root.dir, dataDir, {
        url,
        streams: ['incident', 'problem', 'change'],
      });
      // Three runs, with the source fixed between them, so the chart has a trend to draw.
      await once(config);
      const incidents = sim.store.sysIds('incident');
      sim.store.update('incident', 150, {
        sysIds: incidents.slice(0, 150),
        fields: { category: 'software', subcategory: 'email', impact: '2', urgency: '2', priority: '3' },
      });
      await once(config);
      sim.store.update('incident', 150, {
        sysIds: incidents.slice(150),
        fields: { category: 'software', subcategory: 'email', impact: '2', urgency: '2', priority: '3' },
      });
      await once(config);

      state = await readStateFiles(dataDir);
      const appConfig = await loadConfig(config, { env, ...connectorSchemas() });
      appConfig.api.host = '127.0.0.1';
      appConfig.api.port = 0;
      const deps: ApiDeps = {
        config: appConfig,
        state: () => state,
        readiness: () => ({ ready: true }),
        runs: {
          startNow: () => ({ status: 'busy', runId: null }),
          current: () => null,
          nextRuns: () => ({ sim: null }),
        },
        metrics: { contentType: 'text/plain', render: async () => '' },
        log: pino({ level: 'silent' }),
      };
      api = await createApiServer(deps);
      base = await api.listen();
      // CI runs as root in a throwaway machine, and Chromium refuses to run as root inside its sandbox.
      // CHROMIUM is set: the whole block is skipped without it.
      browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
      await sim?.close();
      await root?.remove();
    });

    it('shows the last assessment in the heat map, one chart point per run, and narrows by clause', async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const blocked: string[] = [];
      // A CSP violation (an inline style or script the page relies on) is reported on the console.
      page.on('console', (m) => {
        if (m.type() === 'error') blocked.push(m.text());
      });
      await page.goto(`${base}/`);
      expect(await page.title()).toContain('ISO/IEC 20000-1');

      const shown = new Map(
        await page
          .locator('.heatmap .cell')
          .evaluateAll((cells) =>
            cells.map((c) => [c.getAttribute('data-clause'), c.getAttribute('data-status')]),
          ),
      );
      const assessed = state.lastAssessment!.clauses;
      expect(assessed.length).toBeGreaterThan(20);
      for (const c of assessed) expect(shown.get(c.clause), c.clause).toBe(c.status);
      expect(assessed.some((c) => c.status === 'alarm')).toBe(true);
      // The stylesheet applied (allowed by its hash): an alarm cell is tinted, not the default transparent.
      const alarm = assessed.find((c) => c.status === 'alarm')!.clause;
      // A string, because the test is compiled without the DOM library; it runs in the page.
      const tint = String(
        await page.evaluate(
          `getComputedStyle(document.querySelector('.cell[data-clause="${alarm}"]')).backgroundColor`,
        ),
      );
      expect(tint).toBe('rgb(254, 228, 226)');

      const finished = state.runs.filter((r) => r.finishedAt !== null);
      expect(finished).toHaveLength(3);
      expect(await page.locator('svg.chart circle.pt').count()).toBe(finished.length);

      const findings = Object.values(state.findings);
      const rows = page.locator('table.findings tbody tr');
      expect(await rows.count()).toBe(Math.min(findings.length, TABLE_CAP));
      // The screenshot kept in docs/ is refreshed on request only, so a test run leaves the tree clean.
      const shot = await page.screenshot({ path: await screenshotPath() });
      expect(shot.length).toBeGreaterThan(10_000);

      // A clause with findings, but not all of them, so the filter visibly narrows the table.
      const counts = new Map<string, number>();
      for (const f of findings) for (const c of f.clauses) counts.set(c, (counts.get(c) ?? 0) + 1);
      const [clause, expected] = [...counts]
        .filter(([, n]) => n < findings.length)
        .sort((a, b) => b[1] - a[1])[0]!;
      await page.locator('#f-clause').selectOption(clause);
      await Promise.all([
        page.waitForURL(/[?&]clause=/),
        page.getByRole('button', { name: 'Filter' }).click(),
      ]);
      expect(new URL(page.url()).searchParams.get('clause')).toBe(clause);
      expect(await rows.count()).toBe(Math.min(expected, TABLE_CAP));
      expect(await page.locator('#findings-count').textContent()).toContain(
        `${expected} of ${findings.length} findings`,
      );
      for (const text of await rows.locator('td:nth-child(5)').allTextContents())
        expect(text.split(', ')).toContain(clause);
      expect(blocked).toEqual([]);
      await page.close();
    });
  },
);

/** docs/dashboard.png when ISO20K_SCREENSHOTS=1, else a file in the OS temp directory. */
async function screenshotPath(): Promise<string> {
  if (process.env['ISO20K_SCREENSHOTS'] !== '1')
    return path.join(os.tmpdir(), `iso20k-dashboard-${process.pid}.png`);
  await mkdir(path.dirname(SCREENSHOT), { recursive: true });
  return SCREENSHOT;
}
