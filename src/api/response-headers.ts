// Security headers on every response, and a last scrub of known secrets from every body. The API never
// puts the config in a response, so the scrub should never fire; it is there so that a future field that
// carries an upstream error text cannot leak a password the service knows.
import type { FastifyInstance } from 'fastify';

/** JSON and metrics need nothing from the browser: no scripts, no frames, no referrer. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  // Status and findings change with every run, and some of it is sensitive: no shared caches.
  'cache-control': 'no-store',
};

export function installResponseHeaders(app: FastifyInstance, scrub: (text: string) => string): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) reply.header(name, value);
    // An HTML page sets its own, narrower-but-styled policy; everything else gets the strict one.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_CSP);
    return typeof payload === 'string' ? scrub(payload) : payload;
  });
}
