// `iso20k validate` on one broken config per mistake: each must exit 2 and print exactly the expected
// `file:line:col path: message` lines, never a stack trace. The real CLI is spawned, as a user runs it.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = 'test/fixtures/config';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SN_USERNAME: 'svc-iso20k',
    SN_PASSWORD: 'not-a-real-password',
  };
  delete env['ISO20K_CONFIG'];
  delete env['ISO20K_TEST_UNSET_PASSWORD'];
  return env;
};

function iso20k(args: readonly string[], env: NodeJS.ProcessEnv = baseEnv()): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `tasks` with at most `limit` at a time: a process per CPU keeps this quick without thrashing. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const MISSING = 'add it (config/example.yaml shows every option)';

/** Fixture file -> the lines after `file:`, in order. */
const CASES: Record<string, string[]> = {
  'missing-url.yaml': [`2:5 sources[0].url: missing required key "url": ${MISSING}`],
  'wrong-type-page-size.yaml': [
    '9:15 sources[0].pageSize: expected a number, got string "abc": write a number',
  ],
  'quoted-number.yaml': ['9:15 sources[0].pageSize: expected a number, got string "500": remove the quotes'],
  'unknown-key-typo.yaml': [
    `5:5 sources[0].auth.password: missing required key "password": ${MISSING}`,
    '8:7 sources[0].auth.pasword: unknown key "pasword" (did you mean "password"?)',
  ],
  'top-level-typo.yaml': ['1:1 datadir: unknown key "datadir" (did you mean "dataDir"?)'],
  'bad-url.yaml': ['4:10 sources[0].url: must be an http(s) URL such as https://acme.service-now.com'],
  'url-with-api-path.yaml': ['4:10 sources[0].url: give the instance root only, without /api/...'],
  'missing-env-var.yaml': [
    '8:17 sources[0].auth.password: environment variable ISO20K_TEST_UNSET_PASSWORD is not set: export it before running',
  ],
  'malformed-env-reference.yaml': [
    '7:17 sources[0].auth.username: malformed reference "${SN USERNAME}": write ${NAME} or ${NAME:-default} with a letter, digits and "_" in NAME (or $${ for a literal "${")',
  ],
  'bad-cron.yaml': [
    '4:15 sources[0].schedule: not a valid cron expression (5 or 6 fields, e.g. "*/15 * * * *" for every 15 minutes)',
  ],
  'unknown-stream.yaml': [
    '10:7 sources[0].streams.incidnet: unknown key "incidnet" (did you mean "incident"?)',
  ],
  'duplicate-source-id.yaml': [
    '9:9 sources[1].id: duplicate source id "snow-prod" (sources[0] has it already): give each source its own id',
  ],
  'unknown-source-type.yaml': [
    '3:11 sources[0].type: unknown source type "servicenw" (did you mean "servicenow"?): known types are "jira", "servicenow"',
  ],
  'missing-source-type.yaml': [
    '2:5 sources[0].type: missing required key "type": set it to one of "jira", "servicenow"',
  ],
  'ticket-route-unknown-sink.yaml': [
    '20:13 tickets.routes[0].sink: no sink has id "jira-tickets" (sinks: "snow-tickets")',
  ],
  'ticket-sink-no-project.yaml': [
    '11:7 tickets.sinks[0].project: missing required key "project": add it (config/example.yaml shows every option)',
  ],
  'bad-source-id.yaml': [
    '2:9 sources[0].id: use 1-63 lower-case letters, digits, "-" or "_", starting with a letter or digit',
  ],
  'negative-page-size.yaml': ['9:15 sources[0].pageSize: must be at least 1, got -5'],
  'empty-password.yaml': [
    '8:17 sources[0].auth.password: must not be empty (set it through an environment variable, e.g. ${SN_PASSWORD})',
  ],
  'oauth-password-grant-without-username.yaml': [
    '5:5 sources[0].auth.username: the password grant needs username and password',
  ],
  'unknown-auth-type.yaml': [
    '6:13 sources[0].auth.type: unknown type "bsic" (did you mean "basic"?): use one of "basic", "oauth"',
  ],
  'review-without-table.yaml': [
    '10:7 sources[0].streams.review.table: the review stream needs the table that holds your review records',
  ],
  'wrong-review-type.yaml': [
    '12:21 sources[0].streams.review.reviewType: expected one of "management_review", "internal_audit", "continuity_test", "capacity_review", "supplier_review", "service_report", "risk_assessment", "availability_review", "improvement", "other", got string "management-review" (did you mean "management_review"?)',
  ],
  'unknown-log-level.yaml': [
    '2:10 log.level: expected one of "trace", "debug", "info", "warn", "error", got string "verbose"',
  ],
  'yaml-tab-indent.yaml': ['2:1: tabs are not allowed as indentation: indent with spaces'],
  'yaml-bad-indent.yaml': [
    '7:1: all mapping items must start at the same column: check the indentation of this line and the one above (or quote a value containing ": ")',
  ],
  'yaml-duplicate-key.yaml': ['5:5: map keys must be unique: keep only one of them'],
  'top-level-list.yaml': [
    '1:1: the top level must be a mapping of options (dataDir, log, api, sources, mappings), got a list: start from config/example.yaml',
  ],
  'empty-file.yaml': ['1:1: the file has no settings: start from config/example.yaml'],
  'several-problems.yaml': [
    '3:3 log.formt: unknown key "formt" (did you mean "format"?)',
    '5:9 api.port: expected a number, got string "http": write a number',
    '14:15 sources[0].pageSize: must be at least 1, got 0',
    '17:17 sources[0].streams.change.extra[0]: not a ServiceNow column name',
  ],
};

const EXAMPLE_ENV = {
  ISO20K_API_TOKEN: 'an-api-token-of-24-chars',
  SN_USERNAME: 'svc',
  SN_PASSWORD: 'pw',
  SN_DEV_CLIENT_ID: 'id',
  SN_DEV_CLIENT_SECRET: 'secret',
  SN_LEGACY_CLIENT_ID: 'id',
  SN_LEGACY_CLIENT_SECRET: 'secret',
  SN_LEGACY_USERNAME: 'svc',
  SN_LEGACY_PASSWORD: 'pw',
};

const noStack = (text: string) => expect(text).not.toMatch(/^\s{4}at /m);

describe('iso20k validate on broken configs', () => {
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    const files = Object.keys(CASES);
    const results = await pool(
      files.map((file) => () => iso20k(['validate', '--config', `${DIR}/${file}`])),
      Math.max(2, availableParallelism()),
    );
    files.forEach((file, i) => runs.set(file, results[i]!));
  }, 120_000);

  it('covers at least 15 distinct mistakes', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(15);
  });

  it.each(Object.entries(CASES))('%s', (file, expected) => {
    const run = runs.get(file)!;
    expect(run.stderr.trimEnd().split('\n')).toEqual(expected.map((line) => `${DIR}/${file}:${line}`));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    noStack(run.stderr);
  });
});

describe('iso20k validate', () => {
  it('reports a missing file as CONFIG_NOT_FOUND with exit 2', async () => {
    const run = await iso20k(['validate', '--config', `${DIR}/does-not-exist.yaml`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CONFIG_NOT_FOUND');
    expect(run.stderr).toContain(
      `${DIR}/does-not-exist.yaml: cannot read the configuration file (no such file)`,
    );
    noStack(run.stderr);
  });

  it('accepts config/example.yaml (from ISO20K_CONFIG) with exit 0 and a summary', async () => {
    const run = await iso20k(['validate'], {
      ...baseEnv(),
      ...EXAMPLE_ENV,
      ISO20K_CONFIG: 'config/example.yaml',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'config ok: 3 sources (servicenow: snow-prod, snow-dev (disabled), snow-legacy (disabled)), 1 ticket sink (servicenow: snow-tickets), data dir ./data',
      expect.stringMatching(/^pack ok: iso20000-1-2018, \d+ controls \(.*\) over \d+ clauses$/),
    ]);
    expect(run.code).toBe(0);
  });

  it('asks for a config when neither --config nor ISO20K_CONFIG is given', async () => {
    const run = await iso20k(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --config FILE or set ISO20K_CONFIG');
  });
});
