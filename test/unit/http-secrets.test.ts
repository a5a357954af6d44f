// No credential may leak through an error: not through its message, details, cause, stack, util.inspect,
// JSON.stringify, or a pino log line. Real basic-auth and bearer requests against a local server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { createHttpClient, mapHttpError } from '../../src/lib/http.js';
import { createLogger } from '../../src/lib/log.js';

const USER = 'svc-iso20k';
const PASSWORD = 'Pw-9f3K!x7Lq2zR';
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdmMifQ.c2lnbmF0dXJlLTEyMzQ1Njc4';
const FORBIDDEN = [PASSWORD, BASIC, TOKEN, 'hunter2-query-secret', 'client-secret-in-url'];

let baseURL = '';
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/reset')) {
      req.socket.destroy();
      return;
    }
    // A careless proxy that echoes the request's Authorization header in its error body.
    const body = JSON.stringify({
      error: {
        message: 'User Not Authorized',
        detail: `header was Authorization: ${req.headers.authorization ?? ''}`,
      },
    });
    res.writeHead(path.startsWith('/server') ? 500 : 403, {
      'Content-Type': 'application/json',
      'Set-Cookie': `JSESSIONID=${TOKEN}`,
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Every way an error might be printed, stored or sent. */
function renderings(error: AppError): string[] {
  const lines: string[] = [];
  const logger = createLogger({
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  });
  logger.error({ err: error }, 'request failed');
  return [
    inspect(error, { depth: Infinity, showHidden: true }),
    JSON.stringify(error),
    JSON.stringify({ ...error, cause: error.cause, message: error.message, stack: error.stack }),
    inspect(error.cause, { depth: Infinity, showHidden: true }),
    String(error.stack),
    lines.join(''),
  ];
}

function expectClean(error: AppError): void {
  for (const text of renderings(error)) {
    for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
  }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the request to fail');
}

describe('errors never reveal credentials', () => {
  it.each([
    ['basic', `Basic ${BASIC}`],
    ['bearer', `Bearer ${TOKEN}`],
  ])('%s auth: status errors and network errors', async (_kind, header) => {
    const client = createHttpClient({
      baseURL,
      instance: `servicenow source "snow" (${baseURL})`,
      timeoutMs: 2000,
      retries: 1,
      backoffMs: 1,
      maxBackoffMs: 1,
      authorize: () => Promise.resolve(header),
    });
    try {
      const params = {
        password: 'hunter2-query-secret',
        client_secret: 'client-secret-in-url',
        sysparm_limit: 1,
      };
      const forbidden = await failure(client.get('/api/now/table/incident', params));
      expect(forbidden.code).toBe('SOURCE_FORBIDDEN');
      expect(forbidden.details['url']).toBe(
        `${baseURL}/api/now/table/incident?password=REDACTED&client_secret=REDACTED&sysparm_limit=1`,
      );
      expect(forbidden.details['body']).toBe('User Not Authorized: header was Authorization: [REDACTED]');
      expectClean(forbidden);

      const server500 = await failure(client.get('/server/x'));
      expect(server500.code).toBe('SOURCE_SERVER_ERROR');
      expectClean(server500);

      const reset = await failure(client.get('/reset'));
      expect(reset.code).toBe('SOURCE_UNREACHABLE');
      expect(reset.cause).toBeInstanceOf(Error);
      expectClean(reset);
    } finally {
      client.close();
    }
  });

  it('maps a raw axios error (config with auth and headers) without keeping the config', async () => {
    let raw: unknown;
    try {
      await axios.get(`${baseURL}/api/now/table/incident?token=hunter2-query-secret`, {
        auth: { username: USER, password: PASSWORD },
        headers: { 'X-Token': TOKEN },
      });
    } catch (error) {
      raw = error;
    }
    expect(axios.isAxiosError(raw)).toBe(true);
    // The control: the raw error does hold the password, so a leak through it would be seen below.
    expect(inspect(raw, { depth: Infinity })).toContain(PASSWORD);
    const mapped = mapHttpError(raw, {
      instance: 'servicenow source "snow"',
      method: 'GET',
      url: `${baseURL}/x?token=hunter2-query-secret`,
    });
    expect(mapped.code).toBe('SOURCE_FORBIDDEN');
    expectClean(mapped);

    // jira.js wraps the axios error as `cause` of its HttpException.
    const wrapped = Object.assign(new Error('Request failed with status code 403'), {
      status: 403,
      cause: raw,
    });
    const fromLibrary = mapHttpError(wrapped, {
      instance: 'jira source "jira"',
      method: 'GET',
      url: '/rest/api/3/myself',
    });
    expect(fromLibrary.code).toBe('SOURCE_FORBIDDEN');
    expect(fromLibrary.details['status']).toBe(403);
    expectClean(fromLibrary);
  });

  it('strips userinfo from a base URL in errors', async () => {
    const withUserinfo = baseURL.replace('http://', `http://${USER}:${PASSWORD}@`);
    const client = createHttpClient({
      baseURL: withUserinfo,
      instance: 'jira source "jira"',
      timeoutMs: 2000,
      retries: 0,
      backoffMs: 1,
      maxBackoffMs: 1,
    });
    try {
      const error = await failure(client.get('/rest/api/3/myself'));
      expect(error.details['url']).toBe(`${baseURL}/rest/api/3/myself`);
      expectClean(error);
    } finally {
      client.close();
    }
  });
});
