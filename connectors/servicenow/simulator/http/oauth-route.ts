// POST /oauth_token.do: form-encoded bodies only, like a real instance (a JSON body is refused).
import type { FastifyInstance } from 'fastify';
import type { SimulatorParts } from './parts.js';

export function registerOAuth(app: FastifyInstance, parts: SimulatorParts): void {
  app.post('/oauth_token.do', async (request, reply) => {
    const type = request.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'expected application/x-www-form-urlencoded' });
    }
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const answer = parts.auth.grant(form);
    return reply.code(answer.status).header('Cache-Control', 'no-store').send(answer.body);
  });
}
