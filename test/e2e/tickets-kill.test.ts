// The crash test for gap tickets: `iso20k once` killed with SIGKILL while it pushes tickets (each write
// slowed so that the kill lands among them, between a create and its ledger write at times), three times.
// The next run must take the lock over, find the tickets that were created, create only the missing ones,
// and end with exactly one ticket per gap.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import { cliEnv, runCli, startCli, waitFor, writeCliConfig, type RunningCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/servicenow-sync.js';

const env = cliEnv({ SN_USERNAME: 'admin', SN_PASSWORD: 'admin' });
let sim: ServiceNowSimulator;
let url: string;
let tmp: { dir: string; remove: () => Promise<void> };
let config: string;
const children: RunningCli[] = [];

beforeAll(async () => {
  sim = createServiceNowSimulator({ seed: 41, incidents: 600, changes: 150, problems: 30, requests: 0 });
  url = await sim.listen();
  tmp = await tempDir('iso20k-tickets-kill-');
  config = await writeCliConfig(tmp.dir, path.join(tmp.dir, 'data'), {
    url,
    streams: ['incident', 'problem', 'change', 'ci', 'ci_relation'],
  });
  await appendFile(
    config,
    [
      'tickets:',
      '  grouping: finding',
      '  maxNewPerRun: 1000',
      '  sinks:',
      '    - id: tickets',
      '      type: servicenow',
      `      url: ${url}`,
      '      auth:',
      '        type: basic',
      '        username: ${SN_USERNAME}',
      '        password: ${SN_PASSWORD}',
      '      table: sn_grc_issue',
      '      http: { retries: 2, backoffMs: 10, maxBackoffMs: 100 }',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
  await tmp?.remove();
});

/** Our tickets at the instance, by correlation id, read over the Table API. */
async function remoteTickets(): Promise<Map<string, number>> {
  const auth = Buffer.from('admin:admin').toString('base64');
  const response = await fetch(
    `${url}/api/now/table/sn_grc_issue?sysparm_fields=correlation_id&sysparm_limit=100000`,
    {
      headers: { authorization: `Basic ${auth}`, accept: 'application/json' },
    },
  );
  const body = (await response.json()) as { result: { correlation_id: string }[] };
  const counts = new Map<string, number>();
  for (const row of body.result) counts.set(row.correlation_id, (counts.get(row.correlation_id) ?? 0) + 1);
  return counts;
}

describe('gap tickets through kill -9', () => {
  it('never duplicates a ticket when runs are killed while they push', async () => {
    // Slow every request so a push of hundreds of tickets lasts long enough to be killed mid-way.
    sim.faults.set({ latencyMs: 4 });
    let previous = 0;
    for (let kill = 0; kill < 3; kill++) {
      const running = startCli(['once', '--config', config], env);
      children.push(running);
      const target = previous + 40;
      await waitFor(async () => (await remoteTickets()).size >= target, {
        timeoutMs: 60_000,
        intervalMs: 50,
        what: `${target} tickets`,
        abort: () => (running.child.exitCode === null ? undefined : `the run ended: ${running.output()}`),
      });
      running.child.kill('SIGKILL');
      const run = await running.done;
      expect(run.signal).toBe('SIGKILL');
      previous = (await remoteTickets()).size;
    }
    sim.faults.set({ latencyMs: 0 });
    const last = await runCli(['once', '--config', config], env);
    expect(last.code, last.stderr).toBe(0);
    const tickets = await remoteTickets();
    expect([...tickets].filter(([, n]) => n > 1)).toEqual([]);
    expect(tickets.size).toBeGreaterThan(previous);
    // A further run finds everything in place: nothing created, nothing updated.
    const again = await runCli(['once', '--config', config], env);
    expect(again.stdout).toMatch(/Tickets: 0 created, 0 updated, 0 resolved, 0 reopened/);
    expect((await remoteTickets()).size).toBe(tickets.size);
  }, 240_000);
});
