// Hooks of the /api/now routes only (never /sim/ nor /oauth_token.do): hibernation, latency and injected
// faults first, then authentication; truncated bodies are cut in onSend, after the route has answered.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  errorBody,
  HIBERNATION_PAGE,
  JSON_TYPE,
  notAuthenticated,
  noResource,
  sendError,
} from './envelope.js';
import type { SimulatorParts } from './parts.js';

const HTML = 'text/html; charset=utf-8';

function gatewayPage(status: number, text: string): string {
  return `<html><head><title>${status} ${text}</title></head><body><center><h1>${status} ${text}</h1></center></body></html>`;
}

function rateLimited(parts: SimulatorParts, reply: FastifyReply): FastifyReply {
  const s = parts.faults.settings;
  const reset = parts.clock.nowSeconds() + Math.max(1, s.retryAfterSeconds);
  return reply
    .code(429)
    .header('Retry-After', String(s.retryAfterSeconds))
    .header('X-RateLimit-Limit', String(s.rateLimitPerHour))
    .header('X-RateLimit-Reset', String(reset))
    .header('X-RateLimit-Rule', '6a2f1c4e8b7d4e3aa1c0f5e9d2b8c7a1')
    .type(JSON_TYPE)
    .send(
      errorBody(
        'Too Many Requests',
        'The rate limit for this user has been exceeded; retry after the time in Retry-After',
      ),
    );
}

export function installApiHooks(api: FastifyInstance, parts: SimulatorParts): void {
  const truncate = new WeakSet<FastifyRequest>();

  api.addHook('onRequest', async (request, reply) => {
    if (parts.faults.settings.hibernating) return reply.code(200).type(HTML).send(HIBERNATION_PAGE);
    const decision = parts.faults.decide();
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    switch (decision.kind) {
      case 'tooManyRequests':
        return rateLimited(parts, reply);
      case 'badGateway':
        return reply.code(502).type(HTML).send(gatewayPage(502, 'Bad Gateway'));
      case 'serviceUnavailable':
        return reply.code(503).type(HTML).send(gatewayPage(503, 'Service Unavailable'));
      case 'gatewayTimeout':
        return reply.code(504).type(HTML).send(gatewayPage(504, 'Gateway Time-out'));
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
    const result = parts.auth.authenticate(request.headers.authorization);
    if (result.ok) parts.users.set(request, result.user);
    else if (parts.auth.required) return notAuthenticated(reply);
    return undefined;
  });

  api.addHook('onSend', async (request, reply, payload) => {
    if (!truncate.has(request) || reply.statusCode !== 200) return payload;
    // Cut inside the JSON, so the body parses as neither a result nor an error.
    if (Buffer.isBuffer(payload) && payload.length > 1)
      return payload.subarray(0, Math.floor(payload.length / 2));
    if (typeof payload === 'string' && payload.length > 1)
      return payload.slice(0, Math.floor(payload.length / 2));
    return payload;
  });

  api.setNotFoundHandler((_request, reply) => noResource(reply));
  api.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    return sendError(
      reply,
      status,
      status < 500 ? 'Exception while reading request' : 'Internal server error',
      error.message ?? null,
    );
  });
}
