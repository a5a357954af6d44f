// The logger never writes a credential: by field name at several depths, by known value anywhere.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { createLogger, type LoggerOptions } from '../../src/lib/log.js';

function capture(options: Omit<LoggerOptions, 'destination'> = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ ...options, destination }), text: () => lines.join(''), lines };
}

const SECRET = 'Zq8-known-secret-value';

describe('createLogger', () => {
  it('censors credential fields at several depths, whatever their name case', () => {
    const { logger, text } = capture();
    logger.info(
      {
        password: 'top-level-pw',
        config: { clientSecret: 'depth1-secret', auth: { refresh_token: 'depth2-refresh' } },
        req: {
          headers: {
            authorization: 'Basic depth2-basic',
            cookie: 'JSESSIONID=depth2-cookie',
            'set-cookie': 'sc-value',
          },
        },
        err: { config: { headers: { Authorization: 'Bearer depth3-bearer' } } },
        deep: { a: { b: { c: { d: { api_token: 'depth5-token' } } } } },
        access_token: 'top-access',
        apiToken: 'top-api-token',
        keep: 'visible',
      },
      'polled',
    );
    const out = text();
    for (const leaked of [
      'top-level-pw',
      'depth1-secret',
      'depth2-refresh',
      'depth2-basic',
      'depth2-cookie',
      'sc-value',
      'depth3-bearer',
      'depth5-token',
      'top-access',
      'top-api-token',
    ]) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain('visible');
    expect(out).toContain('[REDACTED]');
    const entry = JSON.parse(out) as Record<string, unknown>;
    expect(entry['level']).toBe('info');
    expect(entry['msg']).toBe('polled');
  });

  it('scrubs known secret values from messages, fields, child bindings and error stacks', () => {
    const { logger, text } = capture({ secrets: [SECRET] });
    logger.warn(`token request answered with ${SECRET}`);
    logger.info('interpolated %s here', SECRET);
    logger.child({ source: `snow ${SECRET}` }).info({ note: { nested: { deeper: [SECRET] } } }, 'child');
    logger.error(
      { err: new AppError('SOURCE_AUTH_FAILED', `refused ${SECRET}`, { details: { body: SECRET } }) },
      'failed',
    );
    const out = text();
    expect(out).not.toContain(SECRET);
    expect(out.match(/\[REDACTED\]/g)?.length).toBeGreaterThanOrEqual(6);
    for (const line of out.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('writes compact human lines when pretty, still redacted', () => {
    const { logger, text } = capture({ pretty: true, secrets: [SECRET] });
    logger.info({ stream: 'incident', records: 42, password: 'pw-value-1' }, `polled ${SECRET}`);
    logger.error({ err: new AppError('SOURCE_TIMEOUT', 'slow') }, 'failed');
    const [first, second] = text().split('\n');
    expect(first).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}polled \[REDACTED\] stream=incident records=42 password=\[REDACTED\]$/,
    );
    expect(second).toMatch(/ERROR failed code=SOURCE_TIMEOUT$/);
    expect(text()).toContain('AppError: slow');
    expect(text()).not.toContain('pw-value-1');
  });

  it('honours the level', () => {
    const { logger, lines } = capture({ level: 'warn' });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });
});
