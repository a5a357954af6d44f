// The assessment over a real record cache filled from the simulator: every control of the shipped pack
// judges ServiceNow records, findings land in state, and kinds no source delivers are skipped, never ok.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceNowSimulator } from '../../connectors/servicenow/simulator/index.js';
import { assess } from '../../src/pipeline/assess.js';
import { MappingsConfigSchema } from '../../src/settings/schema.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { openStateStore } from '../../src/state/state-store.js';
import { silentLog, simulatorSourceConfig, syncOnce, tempDir } from '../helpers/servicenow-sync.js';

const PACK = path.resolve('mappings/iso20000-1-2018');
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function assessOnce(dataDir: string, mappings = MappingsConfigSchema.parse({}), now = new Date()) {
  const state = await openStateStore({ dataDir });
  try {
    const assessment = await assess({
      cache: createRecordCache({ dir: dataDir }),
      state,
      packDir: PACK,
      mappings,
      log: silentLog,
      now,
    });
    return { assessment, findings: state.data.findings, summary: state.data.lastAssessment };
  } finally {
    await state.close();
  }
}

describe('assessment', () => {
  it('finds gaps in many clauses of a simulated instance, records findings, and resolves them when fixed', async () => {
    const sim = createServiceNowSimulator({ seed: 21, incidents: 2000 });
    const url = await sim.listen();
    const tmp = await tempDir();
    cleanup.push(() => sim.close(), tmp.remove);
    const config = simulatorSourceConfig(
      url,
      [
        'incident',
        'request',
        'problem',
        'change',
        'sla',
        'agreement',
        'service',
        'ci',
        'ci_relation',
        'knowledge',
      ],
      {
        streams: {
          review: {
            table: 'u_governance_review',
            reviewTypeField: 'u_review_type',
            fields: { completedAt: 'u_completed_on', ownerId: 'owned_by' },
          },
        },
      },
    );
    await syncOnce(config, tmp.dir);

    const { assessment, findings, summary } = await assessOnce(tmp.dir);
    // The clause summary is kept in state for the status API and the report.
    expect(summary?.clauses).toEqual(assessment.clauses);
    expect(summary?.totals['alarm']).toBe(assessment.results.filter((r) => r.status === 'alarm').length);
    const alarmed = assessment.clauses.filter((c) => c.status === 'alarm').map((c) => c.clause);
    expect(alarmed.length).toBeGreaterThanOrEqual(15);
    expect(alarmed).toEqual(expect.arrayContaining(['8.5.1', '8.6.1', '8.6.3', '8.3.3', '8.2.6']));
    const open = Object.values(findings).filter((f) => f.status === 'open');
    expect(open.length).toBe(assessment.results.filter((r) => r.status === 'alarm').length);
    expect(assessment.changes.opened.length).toBe(open.length);
    // Every alarm names its subject and why.
    for (const result of assessment.results.filter((r) => r.status === 'alarm').slice(0, 200)) {
      expect(result.reason.length, result.control).toBeGreaterThan(10);
    }

    // Fix every incident's classification at the source: its classification findings resolve.
    const incidentIds = sim.store.sysIds('incident');
    sim.store.update('incident', incidentIds.length, {
      sysIds: incidentIds,
      fields: {
        category: 'software',
        subcategory: 'email',
        impact: '2',
        urgency: '2',
        priority: '3',
        business_service: sim.store.sysIds('cmdb_ci_service')[0]!,
      },
    });
    await syncOnce(config, tmp.dir);
    const after = await assessOnce(tmp.dir);
    const stillOpen = Object.values(after.findings).filter(
      (f) => f.status === 'open' && f.control.startsWith('IN1-'),
    );
    expect(stillOpen.map((f) => `${f.subject}: ${f.reason}`)).toEqual([]);
    expect(after.assessment.changes.resolved.length).toBeGreaterThan(0);
  });

  it('skips, never passes, the controls whose kind no source delivers', async () => {
    const sim = createServiceNowSimulator({ seed: 22, incidents: 300 });
    const url = await sim.listen();
    const tmp = await tempDir();
    cleanup.push(() => sim.close(), tmp.remove);
    await syncOnce(simulatorSourceConfig(url, ['incident']), tmp.dir);
    const { assessment } = await assessOnce(tmp.dir);
    const changeResults = assessment.results.filter((r) => r.control.startsWith('CH'));
    expect(changeResults.length).toBeGreaterThan(0);
    for (const result of changeResults) expect(result.status, result.control).toBe('skip');
    expect(changeResults[0]!.reason).toContain('no change records');
    expect(assessment.clauses.find((c) => c.clause === '9.3')?.status).not.toBe('ok');
  });
});
