// Hooks of the API routes (never /sim/): the login-page mode, latency, the burst limit and injected faults
// first, then authentication (basic e-mail:token or a bearer PAT); truncated bodies are cut in onSend.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { jiraError, type JiraSimParts } from './parts.js';

const HTML = 'text/html;charset=UTF-8';
const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Log in with Atlassian account</title></head><body><form action="/login"><input name="username"></form></body></html>';

function gatewayPage(status: number, text: string): string {
  return `<html><head><title>${status} ${text}</title></head><body><h1>${status} ${text}</h1></body></html>`;
}

/** Jira's reset time: an ISO minute such as 2026-06-05T06:00Z (not epoch seconds as ServiceNow). */
function isoMinute(ms: number): string {
  return `${new Date(Math.ceil(ms / 60_000) * 60_000).toISOString().slice(0, 16)}Z`;
}

function rateLimited(reply: FastifyReply, now: number, retryAfterSeconds: number, reason: string) {
  return reply
    .code(429)
    .header('Retry-After', String(retryAfterSeconds))
    .header('X-RateLimit-Limit', '300000')
    .header('X-RateLimit-Remaining', '0')
    .header('X-RateLimit-Reset', isoMinute(now + retryAfterSeconds * 1000))
    .header('RateLimit-Reason', reason)
    .type('application/json;charset=UTF-8')
    .send({ errorMessages: ['Rate limit exceeded.'], errors: {} });
}

function authenticate(parts: JiraSimParts, header: string | undefined) {
  if (header?.startsWith('Basic ') === true) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const email = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
    return parts.accounts.find((a) => a.email === email && a.apiToken === token);
  }
  if (header?.startsWith('Bearer ') === true) {
    const token = header.slice(7);
    return parts.accounts.find((a) => a.pat !== undefined && a.pat === token);
  }
  return undefined;
}

export function installApiHooks(api: FastifyInstance, parts: JiraSimParts): void {
  const truncate = new WeakSet<FastifyRequest>();

  api.addHook('onRequest', async (request, reply) => {
    const s = parts.faults.settings;
    if (s.loginPage) return reply.code(200).type(HTML).send(LOGIN_PAGE);
    if (s.latencyMs > 0) await sleep(s.latencyMs);
    const wait = parts.faults.burst(Date.now());
    if (wait !== undefined)
      return rateLimited(reply, parts.now(), Math.max(1, Math.ceil(wait / 1000)), 'jira-burst-based');
    switch (parts.faults.decide()) {
      case 'tooManyRequests':
        return rateLimited(reply, parts.now(), s.retryAfterSeconds, 'jira-burst-based');
      case 'badGateway':
        return reply.code(502).type(HTML).send(gatewayPage(502, 'Bad Gateway'));
      case 'serviceUnavailable':
        return reply.code(503).type(HTML).send(gatewayPage(503, 'Service Unavailable'));
      case 'gatewayTimeout':
        return reply.code(504).type(HTML).send(gatewayPage(504, 'Gateway Timeout'));
      case 'connectionReset':
        parts.counters.reset();
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      case 'truncatedBody':
        truncate.add(request);
        break;
      case undefined:
        break;
    }
    const account = authenticate(parts, request.headers.authorization);
    if (account === undefined) {
      // Jira Cloud answers a bad token with 401 and a short text body.
      return reply
        .code(401)
        .type('text/plain;charset=UTF-8')
        .send('Client must be authenticated to access this resource.');
    }
    parts.accountOf.set(request, account);
    return undefined;
  });

  api.addHook('onSend', async (request, reply, payload) => {
    if (!truncate.has(request) || reply.statusCode >= 300) return payload;
    if (typeof payload === 'string' && payload.length > 1)
      return payload.slice(0, Math.floor(payload.length / 2));
    if (Buffer.isBuffer(payload) && payload.length > 1)
      return payload.subarray(0, Math.floor(payload.length / 2));
    return payload;
  });

  api.setNotFoundHandler((_request, reply) =>
    jiraError(reply, 404, ['The requested resource was not found.']),
  );
  api.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    return jiraError(reply, status, [error.message ?? 'Internal server error']);
  });
}
