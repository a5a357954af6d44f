// `iso20k once` end to end: the real CLI, spawned as a user runs it, against ServiceNow simulators listening
// in this process. Each case asserts what the user sees (exit code, the stream table, one line per failure
// with its code and fix, never a stack trace) and that no secret leaks into the output or the data dir.
// The cases are independent, so they run concurrently: each pays ~1 s of process start-up.
import { randomUUID } from 'node:crypto';
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../connectors/servicenow/simulator/index.js';
import {
  cliEnv,
  closedPort,
  lines,
  runCli,
  STACK_LINE,
  startCli,
  streamRows,
  waitFor,
  writeCliConfig,
  type RunningCli,
} from '../helpers/cli.js';
import { cachedVersions, diffVersions, tableVersions, tempDir } from '../helpers/servicenow-sync.js';

// Unique values: if one shows up in output or on disk, it leaked; it cannot be there by chance.
const USER = 'svc-iso20k';
const PASSWORD = `pw-${randomUUID()}`;
const NO_CHANGE_USER = 'svc-no-change';
const NO_CHANGE_PASSWORD = `pw-${randomUUID()}`;

const env = (username = USER, password = PASSWORD) =>
  cliEnv({ SN_USERNAME: username, SN_PASSWORD: password });

/** Small tables: these cases are about what the CLI reports, not about volume. */
const SMALL = {
  incidents: 400,
  problems: 30,
  changes: 40,
  requests: 0,
  cis: 50,
  knowledge: 10,
  reviews: 5,
  slas: 10,
};

let root: { dir: string; remove: () => Promise<void> };
let shared: ServiceNowSimulator;
let sharedUrl: string;
const sims: ServiceNowSimulator[] = [];
const children: RunningCli[] = [];

async function simulator(
  options: Parameters<typeof createServiceNowSimulator>[0],
): Promise<{ sim: ServiceNowSimulator; url: string }> {
  const sim = createServiceNowSimulator(options);
  sims.push(sim);
  return { sim, url: await sim.listen() };
}

/** A folder of its own per case, holding its config file and its data dir. */
async function caseDir(name: string): Promise<{ dir: string; dataDir: string }> {
  const dir = path.join(root.dir, name);
  await mkdir(dir);
  return { dir, dataDir: path.join(dir, 'data') };
}

/** Every file under `dir`, as text. */
async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(file, await readFile(file, 'utf8'));
    }
  }
  return files;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  root = await tempDir('iso20k-once-cli-');
  ({ sim: shared, url: sharedUrl } = await simulator({
    seed: 21,
    ...SMALL,
    auth: {
      users: [
        { username: USER, password: PASSWORD },
        { username: NO_CHANGE_USER, password: NO_CHANGE_PASSWORD, deniedTables: ['change_request'] },
      ],
    },
  }));
});

afterAll(async () => {
  // A failed case may leave a CLI running; it must not outlive the file.
  for (const { child } of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(sims.map((sim) => sim.close()));
  await root.remove();
});

describe.concurrent('iso20k once', () => {
  it('(a) polls every enabled stream, then only what changed, and says so in the table', async ({
    expect,
  }) => {
    const { dir, dataDir } = await caseDir('success');
    const config = await writeCliConfig(dir, dataDir, {
      url: sharedUrl,
      streams: ['incident', 'problem', 'change'],
    });
    const counts = {
      incident: shared.store.count('incident'),
      problem: shared.store.count('problem'),
      change: shared.store.count('change_request'),
    };

    const first = await runCli(['once', '--config', config], env());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const full = streamRows(first.stdout);
    expect([...full.keys()]).toEqual(['incident', 'problem', 'change']);
    for (const [stream, count] of Object.entries(counts)) {
      expect(full.get(stream), stream).toEqual({
        source: 'sim',
        stream,
        status: 'ok',
        fetched: count,
        new: count,
        updated: 0,
        deleted: 0,
        records: count,
      });
    }

    const updated = shared.store.update('incident', 20);
    const deleted = shared.store.delete('incident', 3);
    // Deletions are drawn at random and may hit an updated row: the cache then sees it as deleted only.
    const stillPresent = updated.filter((id) => !deleted.includes(id)).length;
    const second = await runCli(['once', '--config', config], env());
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const incremental = streamRows(second.stdout);
    const incident = incremental.get('incident')!;
    expect(incident).toMatchObject({
      status: 'ok',
      new: 0,
      updated: stillPresent,
      deleted: 3,
      records: counts.incident - 3,
    });
    // What was fetched beyond the updates is the overlap window re-read (unchanged rows), never the table.
    expect(incident.fetched).toBeGreaterThanOrEqual(stillPresent);
    expect(incident.fetched).toBeLessThan(stillPresent + 50);
    for (const stream of ['problem', 'change']) {
      expect(incremental.get(stream), stream).toMatchObject({ status: 'ok', new: 0, updated: 0, deleted: 0 });
    }
    expect(
      diffVersions(await cachedVersions(dataDir, 'incident'), tableVersions(shared, 'incident')),
    ).toEqual({ missing: 0, extra: 0, stale: 0 });
    for (const text of [first.stdout, second.stdout, ...(await filesUnder(dataDir)).values()])
      expect(text).not.toContain(PASSWORD);
  });

  it('(b) a wrong password: exit 3, one line with the 401, the code and the fix, no secret anywhere', async ({
    expect,
  }) => {
    const { dir, dataDir } = await caseDir('wrong-password');
    const config = await writeCliConfig(dir, dataDir, { url: sharedUrl, streams: ['incident', 'problem'] });
    const wrong = `wrong-${randomUUID()}`;
    const run = await runCli(['once', '--config', config], env(USER, wrong));

    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(/^sim: servicenow source "sim" \(http:\/\/127\.0\.0\.1:\d+\): /);
    expect(line).toMatch(/401|User Not Authenticated/);
    expect(line).toContain('[SOURCE_AUTH_FAILED]');
    expect(line).toMatch(/ fix: \S/);
    expect(run.stderr).not.toMatch(STACK_LINE);

    const files = await filesUnder(dataDir);
    const log = files.get(path.join(dataDir, 'iso20k.log'));
    // The log must hold the failure (or the no-secret check below would prove nothing)...
    expect(log).toContain('SOURCE_AUTH_FAILED');
    // ...and neither the password nor the Basic header made of it, in the output or anywhere on disk.
    const basic = Buffer.from(`${USER}:${wrong}`).toString('base64');
    for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ...files] as const) {
      expect(text, where).not.toContain(wrong);
      expect(text, where).not.toContain(basic);
    }
  });

  it('(c) a hibernating instance: exit 3, one line telling how to wake it', async ({ expect }) => {
    const { dir, dataDir } = await caseDir('hibernating');
    const { sim, url } = await simulator({ seed: 22, ...SMALL });
    sim.faults.setHibernating(true);
    const config = await writeCliConfig(dir, dataDir, { url, streams: ['incident'] });
    const run = await runCli(['once', '--config', config], env('admin', 'admin'));

    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(/^sim: /);
    expect(line).toMatch(/hibernat/i);
    expect(line).toContain('developer.servicenow.com');
    expect(line).toContain('[SOURCE_HIBERNATING]');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('(d) a table the account may not read: exit 3, one line naming the table and the missing read access', async ({
    expect,
  }) => {
    const { dir, dataDir } = await caseDir('denied-table');
    const config = await writeCliConfig(dir, dataDir, { url: sharedUrl, streams: ['incident', 'change'] });
    const run = await runCli(['once', '--config', config], env(NO_CHANGE_USER, NO_CHANGE_PASSWORD));

    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(/^sim: /);
    expect(line).toContain('change_request');
    expect(line).toMatch(/ACL|read access/);
    expect(line).toContain('[SOURCE_FORBIDDEN]');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('(e) an unreachable host: exit 3 within a few seconds, one line', async ({ expect }) => {
    const { dir, dataDir } = await caseDir('unreachable');
    const port = await closedPort();
    const config = await writeCliConfig(dir, dataDir, {
      url: `http://127.0.0.1:${port}`,
      streams: ['incident'],
      http: { retries: 1 },
    });
    const run = await runCli(['once', '--config', config], env());

    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(/^sim: /);
    expect(line).toContain(`127.0.0.1:${port}`);
    expect(line).toMatch(/refused/);
    expect(line).toContain('[SOURCE_UNREACHABLE]');
    expect(run.stderr).not.toMatch(STACK_LINE);
    // The run itself (state.json times it, without process start-up, which is slow on a loaded machine)
    // gives up at once: a retry loop with the default backoff would take tens of seconds.
    const state = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')) as {
      runs: { startedAt: string; finishedAt: string; status: string }[];
    };
    const [record] = state.runs;
    expect(record?.status).toBe('failed');
    expect(Date.parse(record!.finishedAt) - Date.parse(record!.startedAt)).toBeLessThan(2000);
    expect(run.durationMs).toBeLessThan(15_000);
  });

  it('(f) no --config and no ISO20K_CONFIG: exit 2 with a usage line', async ({ expect }) => {
    const run = await runCli(['once'], cliEnv());

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)[0]).toMatch(
      /no configuration: pass --config FILE or set ISO20K_CONFIG.*\[USAGE\]/,
    );
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('(g) a second run on a locked data dir: a clear STATE_LOCKED line, and the first run is unharmed', async ({
    expect,
  }) => {
    const { dir, dataDir } = await caseDir('locked');
    // Every request takes a second, so the first run holds the lock for 15+ s unless the test lets it go.
    const { sim, url } = await simulator({ seed: 23, ...SMALL, incidents: 300, faults: { latencyMs: 1000 } });
    const config = await writeCliConfig(dir, dataDir, { url, streams: ['incident'], pageSize: 20 });
    const first = startCli(['once', '--config', config], env('admin', 'admin'));
    children.push(first);
    await waitFor(() => exists(path.join(dataDir, '.lock')), {
      timeoutMs: 20_000,
      what: 'the first run to take the lock',
      abort: () => (first.child.exitCode === null ? undefined : `the first run ended\n${first.output()}`),
    });

    const second = await runCli(['once', '--config', config], env('admin', 'admin'));
    // Without this the case would prove nothing: the lock must have been held while the second ran.
    const firstWasRunning = first.child.exitCode === null;
    sim.faults.set({ latencyMs: 0 });
    const done = await first.done;

    expect(firstWasRunning).toBe(true);
    expect(second.code).not.toBe(0);
    expect(second.stdout).toBe('');
    const locked = lines(second.stderr).filter((l) => l.includes('[STATE_LOCKED]'));
    expect(locked).toHaveLength(1);
    expect(locked[0]).toContain(`locked by process ${first.child.pid}`);
    expect(locked[0]).toContain(dataDir);
    expect(second.stderr).not.toMatch(STACK_LINE);

    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(streamRows(done.stdout).get('incident')).toMatchObject({
      status: 'ok',
      fetched: 300,
      records: 300,
    });
  });
});
