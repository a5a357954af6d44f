import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, SourceConfigBaseSchema } from '../../src/contracts/index.js';
import { loadConfig, parseConfigText, type ConfigProblem } from '../../src/settings/index.js';

// A stand-in connector schema: nested objects, a discriminated union and a list, like the real ones,
// so these tests do not move when a connector's options change.
const fakeSchema = SourceConfigBaseSchema.extend({
  type: z.literal('fake'),
  url: z.url({ message: 'must be an http(s) URL' }),
  auth: z.discriminatedUnion('type', [
    z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }).strict(),
    z.object({ type: z.literal('token'), token: z.string().min(1) }).strict(),
  ]),
  pageSize: z.number().int().min(1).default(100),
  verbose: z.boolean().default(false),
  extra: z.array(z.string().regex(/^[a-z_]+$/, 'not a column name')).default([]),
}).strict();

const deps = (env: NodeJS.ProcessEnv = {}) => ({
  env,
  sourceSchemas: { fake: fakeSchema, other: fakeSchema },
});

const SOURCE = [
  '  - id: one',
  '    type: fake',
  '    url: https://example.test',
  '    auth:',
  '      type: basic',
  '      username: u',
  '      password: p',
];

function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The problems a text produces, or fails the test if it loads. */
function problemsOf(
  text: string,
  env: NodeJS.ProcessEnv = {},
): { code: string; problems: ConfigProblem[]; message: string } {
  try {
    parseConfigText(text, 'cfg.yaml', deps(env));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      code: error.code,
      problems: error.details['problems'] as ConfigProblem[],
      message: error.message,
    };
  }
  throw new Error('expected the config to be rejected');
}

function lines(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  return problemsOf(text, env).message.split('\n');
}

describe('parseConfigText: valid files', () => {
  it('fills every default', () => {
    const config = parseConfigText(yaml('sources:', ...SOURCE), 'cfg.yaml', deps());
    expect(config).toMatchObject({
      dataDir: './data',
      log: { level: 'info', format: 'json' },
      api: { host: '127.0.0.1', port: 8020 },
    });
    expect(config.api.token).toBeUndefined();
    expect(config.sources[0]).toMatchObject({
      id: 'one',
      type: 'fake',
      enabled: true,
      schedule: '*/15 * * * *',
      pageSize: 100,
      http: { retries: 6 },
    });
  });
});

describe('parseConfigText: positions', () => {
  it('points at a nested value with a path through a list', () => {
    const text = yaml('sources:', ...SOURCE.slice(0, -1), '      password: [not, a, string]');
    expect(lines(text)).toEqual(['cfg.yaml:8:17 sources[0].auth.password: expected a string, got a list']);
  });

  it('points at an item of a list', () => {
    const text = yaml('sources:', ...SOURCE, '    extra:', '      - ok_col', '      - Bad-Col');
    expect(lines(text)).toEqual(['cfg.yaml:11:9 sources[0].extra[1]: not a column name']);
  });

  it('points at an unknown key itself and suggests the closest known one', () => {
    const { problems } = problemsOf(yaml('log:', '  levle: info', 'sources:', ...SOURCE));
    expect(problems).toEqual([
      {
        file: 'cfg.yaml',
        line: 2,
        col: 3,
        path: 'log.levle',
        message: 'unknown key "levle" (did you mean "level"?)',
        fix: 'level',
      },
    ]);
  });

  it('lists the allowed keys when no known key is close', () => {
    expect(lines(yaml('colour: blue', 'sources:', ...SOURCE))).toEqual([
      'cfg.yaml:1:1 colour: unknown key "colour": remove it (allowed here: dataDir, log, api, scheduler, sources, mappings, tickets)',
    ]);
  });

  it('reports a missing key at the key of its parent mapping, or at the list item', () => {
    const text = yaml(
      'sources:',
      '  - id: one',
      '    type: fake',
      '    auth:',
      '      type: basic',
      '      username: u',
    );
    expect(lines(text)).toEqual([
      'cfg.yaml:2:5 sources[0].url: missing required key "url": add it (config/example.yaml shows every option)',
      'cfg.yaml:4:5 sources[0].auth.password: missing required key "password": add it (config/example.yaml shows every option)',
    ]);
  });

  it('points at the key of an empty value', () => {
    const text = yaml('sources:', ...SOURCE.slice(0, -1), '      password:');
    expect(lines(text)).toEqual([
      'cfg.yaml:8:7 sources[0].auth.password: expected a string, got an empty value',
    ]);
  });

  it('asks for quotes around a number or boolean where text is expected', () => {
    const text = yaml('sources:', ...SOURCE.slice(0, -1), '      password: 12345');
    expect(lines(text)).toEqual([
      'cfg.yaml:8:17 sources[0].auth.password: expected a string, got number 12345: put it in quotes',
    ]);
  });

  it('points inside flow collections', () => {
    const text = yaml('log: { level: loud }', 'sources:', ...SOURCE);
    expect(lines(text)[0]).toMatch(
      /^cfg\.yaml:1:15 log\.level: expected one of "trace", "debug", "info", "warn", "error", got string "loud"$/,
    );
  });
});

describe('parseConfigText: several problems', () => {
  it('reports every problem, in file order', () => {
    const text = yaml(
      'api:',
      '  port: 99999',
      'log:',
      '  format: xml',
      'sources:',
      '  - id: one',
      '    type: fake',
      '    url: not a url',
      '    auth: { type: token }',
      '    pageSize: 1.5',
      '    verbose: "yes"',
    );
    expect(lines(text)).toEqual([
      'cfg.yaml:2:9 api.port: must be at most 65535, got 99999',
      'cfg.yaml:4:11 log.format: expected one of "json", "pretty", got string "xml"',
      'cfg.yaml:8:10 sources[0].url: must be an http(s) URL',
      'cfg.yaml:9:5 sources[0].auth.token: missing required key "token": add it (config/example.yaml shows every option)',
      'cfg.yaml:10:15 sources[0].pageSize: expected a whole number, got number 1.5',
      'cfg.yaml:11:14 sources[0].verbose: expected true or false, got string "yes"',
    ]);
  });

  it('reports a duplicate id at the second source, next to the other problems', () => {
    const text = yaml(
      'sources:',
      ...SOURCE,
      '  - id: one',
      '    type: fake',
      '    url: nope',
      '    auth: { type: token, token: t }',
    );
    expect(lines(text)).toEqual([
      'cfg.yaml:9:9 sources[1].id: duplicate source id "one" (sources[0] has it already): give each source its own id',
      'cfg.yaml:11:10 sources[1].url: must be an http(s) URL',
    ]);
  });

  it('names the known types for an unknown or missing type', () => {
    const text = yaml('sources:', '  - id: a', '    type: fak', '  - id: b', '  - just a string');
    expect(lines(text)).toEqual([
      'cfg.yaml:3:11 sources[0].type: unknown source type "fak" (did you mean "fake"?): known types are "fake", "other"',
      'cfg.yaml:4:5 sources[1].type: missing required key "type": set it to one of "fake", "other"',
      'cfg.yaml:5:5 sources[2]: expected a mapping (key: value) describing one source, got string "just a string"',
    ]);
  });

  it('names the accepted values of a discriminator', () => {
    const text = yaml(
      'sources:',
      ...SOURCE.slice(0, 4),
      '      type: basci',
      '      username: u',
      '      password: p',
    );
    expect(lines(text)).toEqual([
      'cfg.yaml:6:13 sources[0].auth.type: unknown type "basci" (did you mean "basic"?): use one of "basic", "token"',
    ]);
  });
});

describe('parseConfigText: whole-file mistakes', () => {
  it('rejects YAML syntax errors with CONFIG_SYNTAX and a position', () => {
    const result = problemsOf(yaml('log:', '\tlevel: info'));
    expect(result.code).toBe('CONFIG_SYNTAX');
    expect(result.message).toBe('cfg.yaml:2:1: tabs are not allowed as indentation: indent with spaces');
  });

  it('rejects an empty file, a list at the top level and an empty list of sources', () => {
    expect(lines('# nothing\n')).toEqual([
      'cfg.yaml:1:1: the file has no settings: start from config/example.yaml',
    ]);
    expect(lines('- a\n')).toEqual([
      'cfg.yaml:1:1: the top level must be a mapping of options (dataDir, log, api, sources, mappings), got a list: start from config/example.yaml',
    ]);
    expect(lines('sources: []\n')).toEqual([
      'cfg.yaml:1:10 sources: list at least one source (config/example.yaml shows a ServiceNow one)',
    ]);
    expect(lines('dataDir: ./x\n')[0]).toBe(
      'cfg.yaml:1:1 sources: missing required key "sources": add it (config/example.yaml shows every option)',
    );
  });
});

describe('parseConfigText: environment variables', () => {
  const withEnv = (value: string) => yaml('sources:', ...SOURCE.slice(0, -1), `      password: ${value}`);

  it('interpolates values, with defaults and the $${ escape', () => {
    const text = yaml(
      'dataDir: ${BASE:-/var/lib}/iso20k',
      'log: { level: "${LEVEL:-warn}" }',
      'sources:',
      ...SOURCE.slice(0, -1),
      '      password: p$${NOT_A_VAR}${PW}',
    );
    const config = parseConfigText(text, 'cfg.yaml', deps({ PW: 's3cret' }));
    expect(config.dataDir).toBe('/var/lib/iso20k');
    expect(config.log.level).toBe('warn');
    expect(config.sources[0]?.['auth']).toMatchObject({ password: 'p${NOT_A_VAR}s3cret' });
  });

  it('reports a missing variable by name at the column of its reference, with CONFIG_ENV_MISSING', () => {
    const result = problemsOf(withEnv('pre-${SN_PASSWORD}'));
    expect(result.code).toBe('CONFIG_ENV_MISSING');
    expect(result.problems).toEqual([
      {
        file: 'cfg.yaml',
        line: 8,
        col: 21,
        path: 'sources[0].auth.password',
        message: 'environment variable SN_PASSWORD is not set: export it before running',
        fix: 'export SN_PASSWORD=...',
      },
    ]);
  });

  it('finds the column inside a quoted value and does not also report the empty value', () => {
    expect(lines(withEnv('"${A}"'))).toEqual([
      'cfg.yaml:8:18 sources[0].auth.password: environment variable A is not set: export it before running',
    ]);
  });

  it('uses CONFIG_INVALID when other problems come with a missing variable', () => {
    const result = problemsOf(
      yaml('log: { level: loud }', 'sources:', ...SOURCE.slice(0, -1), '      password: ${PW}'),
    );
    expect(result.code).toBe('CONFIG_INVALID');
    expect(result.problems.map((p) => p.path)).toEqual(['log.level', 'sources[0].auth.password']);
  });

  it('rejects a malformed reference', () => {
    expect(lines(withEnv('${SN-PASSWORD}'))).toEqual([
      'cfg.yaml:8:17 sources[0].auth.password: malformed reference "${SN-PASSWORD}": write ${NAME} or ${NAME:-default} with a letter, digits and "_" in NAME (or $${ for a literal "${")',
    ]);
  });

  it('reads an interpolated value as a number or boolean where the schema wants one', () => {
    const text = yaml(
      'api: { port: "${PORT}" }',
      'sources:',
      ...SOURCE,
      '    pageSize: ${PAGE}',
      '    verbose: ${VERBOSE}',
      '    enabled: ${ON:-false}',
    );
    const config = parseConfigText(text, 'cfg.yaml', deps({ PORT: '9000', PAGE: '500', VERBOSE: 'TRUE' }));
    expect(config.api.port).toBe(9000);
    expect(config.sources[0]).toMatchObject({ pageSize: 500, verbose: true, enabled: false });
  });

  it('keeps an interpolated secret that looks like a number a string', () => {
    const config = parseConfigText(withEnv('${PW}'), 'cfg.yaml', deps({ PW: '12345' }));
    expect(config.sources[0]?.['auth']).toMatchObject({ password: '12345' });
  });

  it('names the variable instead of echoing an interpolated value', () => {
    const text = yaml('sources:', ...SOURCE, '    pageSize: ${PAGE}');
    expect(lines(text, { PAGE: 'hunter2' })).toEqual([
      'cfg.yaml:9:15 sources[0].pageSize: expected a number, got string from ${PAGE}: write a number',
    ]);
    expect(lines(text, { PAGE: '0' })).toEqual([
      'cfg.yaml:9:15 sources[0].pageSize: must be at least 1, got 0',
    ]);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'iso20k-settings-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a missing file or a directory as CONFIG_NOT_FOUND', async () => {
    const missing = path.join(dir, 'nope.yaml');
    await expect(loadConfig(missing, deps())).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
      message: `${missing}: cannot read the configuration file (no such file): pass an existing file with --config or ISO20K_CONFIG`,
    });
    await expect(loadConfig(dir, deps())).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
      details: { reason: 'it is a directory' },
    });
  });
});
