// `iso20k once` against the Jira simulator, end to end: a good run, then what the user sees when the
// token is wrong, a project does not exist, a configured custom field is missing, or the account cannot
// see the Assets workspace: exit 3, one line with the cause, the code and the fix, no stack, no secret.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createJiraSimulator, type JiraSimulator } from '../../connectors/jira/simulator/index.js';
import { cliEnv, lines, runCli, STACK_LINE, streamRows } from '../helpers/cli.js';
import { writeJiraCliConfig } from '../helpers/jira-cli.js';
import { tempDir } from '../helpers/jira-sync.js';

const TOKEN = `tok-${randomUUID()}`;
const NO_ASSETS_TOKEN = `tok-${randomUUID()}`;
const env = (email = 'bot@example.com', token = TOKEN) =>
  cliEnv({ JIRA_EMAIL: email, JIRA_API_TOKEN: token });

let sim: JiraSimulator;
let url: string;
let root: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  sim = createJiraSimulator({
    seed: 41,
    incidents: 300,
    requests: 50,
    problems: 10,
    changes: 20,
    accounts: [
      { email: 'bot@example.com', apiToken: TOKEN },
      { email: 'no-assets@example.com', apiToken: NO_ASSETS_TOKEN, assets: false },
    ],
  });
  url = await sim.listen();
  root = await tempDir('iso20k-jira-cli-');
});
afterAll(async () => {
  await sim?.close();
  await root?.remove();
});

async function caseDir(name: string) {
  const dir = path.join(root.dir, name);
  await mkdir(dir);
  return { dir, dataDir: path.join(dir, 'data') };
}

async function filesUnder(dir: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.push([file, await readFile(file, 'utf8')]);
    }
  }
  return out;
}

describe.concurrent('iso20k once with a Jira source', () => {
  it('polls every stream, JSM SLAs and Assets, and exits 0', async ({ expect }) => {
    const { dir, dataDir } = await caseDir('ok');
    const config = await writeJiraCliConfig(dir, dataDir, {
      url,
      streams: ['incident', 'request', 'problem', 'change', 'sla'],
      assets: true,
    });
    const run = await runCli(['once', '--config', config], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = streamRows(run.stdout);
    expect([...rows.keys()]).toEqual([
      'incident',
      'request',
      'problem',
      'change',
      'sla',
      'service',
      'ci',
      'ci_relation',
    ]);
    expect(rows.get('incident')).toMatchObject({ status: 'ok', new: 300, records: 300 });
    for (const row of rows.values()) expect(row.status, row.stream).toBe('ok');
    for (const [where, text] of [['stdout', run.stdout], ...(await filesUnder(dataDir))] as const) {
      expect(text, where).not.toContain(TOKEN);
    }
  });

  it('a wrong API token: exit 3, one line with the 401, SOURCE_AUTH_FAILED and the fix', async ({
    expect,
  }) => {
    const { dir, dataDir } = await caseDir('wrong-token');
    const config = await writeJiraCliConfig(dir, dataDir, { url, streams: ['incident'] });
    const wrong = `wrong-${randomUUID()}`;
    const run = await runCli(['once', '--config', config], env('bot@example.com', wrong));
    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(
      /^sim: jira source "sim" \(http:\/\/127\.0\.0\.1:\d+\): GET \/rest\/api\/3\/\w+ answered 401/,
    );
    expect(line).toContain('[SOURCE_AUTH_FAILED]');
    expect(line).toContain('API token');
    expect(line).toMatch(/ fix: \S/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    const basic = Buffer.from(`bot@example.com:${wrong}`).toString('base64');
    for (const [where, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
      ...(await filesUnder(dataDir)),
    ] as const) {
      expect(text, where).not.toContain(wrong);
      expect(text, where).not.toContain(basic);
    }
  });

  it('an unknown project: exit 3, one line quoting Jira and naming the stream', async ({ expect }) => {
    const { dir, dataDir } = await caseDir('unknown-project');
    const config = await writeJiraCliConfig(dir, dataDir, { url, streams: ['incident'], projects: ['OPS'] });
    const run = await runCli(['once', '--config', config], env());
    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toContain("The value 'OPS' does not exist for the field 'project'");
    expect(line).toContain('stream incident');
    expect(line).toContain('[SOURCE_BAD_REQUEST]');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('a configured custom field the site lacks: exit 3, one line naming the field and the setting', async ({
    expect,
  }) => {
    const { dir, dataDir } = await caseDir('missing-field');
    const config = await writeJiraCliConfig(dir, dataDir, {
      url,
      streams: ['change'],
      extra: ['fields: { changeRisk: "Risk assessment" }'],
    });
    const run = await runCli(['once', '--config', config], env());
    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toContain('the field "Risk assessment" named in fields.changeRisk does not exist');
    expect(line).toContain('[SOURCE_BAD_REQUEST]');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('an Assets workspace the account cannot see: exit 3, one line telling what to grant', async ({
    expect,
  }) => {
    const { dir, dataDir } = await caseDir('no-assets');
    const config = await writeJiraCliConfig(dir, dataDir, { url, streams: ['incident'], assets: true });
    const run = await runCli(['once', '--config', config], env('no-assets@example.com', NO_ASSETS_TOKEN));
    expect(run.code).toBe(3);
    const [line, ...more] = lines(run.stderr);
    expect(more).toEqual([]);
    expect(line).toMatch(/answered 403/);
    expect(line).toContain('Assets role');
    expect(line).toContain('[SOURCE_FORBIDDEN]');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
