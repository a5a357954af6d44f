// The HTTP client against a real server on 127.0.0.1: keep-alive reuse, sockets cut mid-response,
// timeouts and refused connections, where nock cannot imitate the socket behaviour.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/lib/http.js';

interface TestServer {
  url: string;
  /** TCP connections accepted so far. */
  connections: () => number;
  /** Connections still open. */
  open: () => number;
  close: () => Promise<void>;
}

const servers: TestServer[] = [];
const clients: HttpClient[] = [];

async function serve(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: TestServer = {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    open: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(handle);
  return handle;
}

function client(baseURL: string, overrides: Partial<HttpClientOptions> = {}) {
  const delays: number[] = [];
  const reasons: string[] = [];
  const created = createHttpClient({
    baseURL,
    instance: `jira source "jira" (${baseURL})`,
    timeoutMs: 2000,
    retries: 3,
    backoffMs: 10,
    maxBackoffMs: 100,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    onRetry: (info) => reasons.push(info.reason),
    ...overrides,
  });
  clients.push(created);
  return { http: created, delays, reasons };
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

function json(res: http.ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('against a real server', () => {
  it('reuses one keep-alive connection for sequential requests, and close() releases it', async () => {
    const seen: (string | undefined)[] = [];
    const server = await serve((req, res) => {
      seen.push(req.headers.connection);
      json(res, { n: seen.length });
    });
    const { http: c } = client(server.url);
    for (let i = 1; i <= 10; i++) expect((await c.get('/rest/api/3/myself')).data).toEqual({ n: i });
    expect(server.connections()).toBe(1);
    expect(seen.every((h) => h === 'keep-alive')).toBe(true);
    c.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.open()).toBe(0);
  });

  it('opens at most a modest number of sockets for parallel requests', async () => {
    const server = await serve((_req, res) => setTimeout(() => json(res, {}), 20));
    const { http: c } = client(server.url);
    await Promise.all(Array.from({ length: 30 }, () => c.get('/x')));
    expect(server.connections()).toBeLessThanOrEqual(8);
  });

  it('retries a response whose socket is destroyed mid-body', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"issues":[{"id":"1"},');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      json(res, { issues: [] });
    });
    const { http: c, reasons } = client(server.url);
    expect((await c.get('/rest/api/3/search/jql')).data).toEqual({ issues: [] });
    expect(calls).toBe(2);
    expect(reasons).toEqual(['truncated body']);
  });

  it('reports a body that keeps being cut off as SOURCE_BAD_RESPONSE', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked
      res.write('{"issues":[');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const { http: c } = client(server.url, { retries: 2 });
    const error = await failure(c.get('/rest/api/3/search/jql'));
    expect(error.code).toBe('SOURCE_BAD_RESPONSE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('the connection closed before the whole response arrived');
    expect(error.details['attempts']).toBe(3);
  });

  it('retries a connection reset before any answer', async () => {
    let calls = 0;
    const server = await serve((req, res) => {
      calls++;
      if (calls === 1) req.socket.destroy();
      else json(res, { ok: true });
    });
    const { http: c, reasons } = client(server.url);
    expect((await c.get('/x')).data).toEqual({ ok: true });
    expect(reasons).toEqual(['ECONNRESET']);
  });

  it('times out a server that never answers', async () => {
    const server = await serve(() => undefined);
    const { http: c, delays } = client(server.url, { timeoutMs: 100, retries: 1 });
    const started = Date.now();
    const error = await failure(c.get('/slow'));
    expect(error.code).toBe('SOURCE_TIMEOUT');
    expect(error.message).toBe(
      `jira source "jira" (${server.url}): GET /slow got no answer within 100 ms (ECONNABORTED) (gave up after 2 attempts)`,
    );
    expect(delays).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('fails fast on a refused connection after two retries', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await servers.pop()?.close();
    const { http: c, delays } = client(url, { retries: 5 });
    const error = await failure(c.get('/x'));
    expect(error.code).toBe('SOURCE_UNREACHABLE');
    expect(error.message).toContain('the connection was refused (ECONNREFUSED)');
    expect(delays).toHaveLength(2);
  });

  it('aborts an in-flight request with RUN_ABORTED', async () => {
    const server = await serve(() => undefined);
    const { http: c } = client(server.url, { timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const error = await failure(c.get('/slow', undefined, controller.signal));
    expect(error.code).toBe('RUN_ABORTED');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
