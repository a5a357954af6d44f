// GET /docs (a small HTML index of the operations) and GET /docs/json (the OpenAPI document). The page
// has no scripts and one inline style allowed by its hash, so its CSP stays strict; for an interactive
// explorer, load /docs/json into any OpenAPI tool.
import { createHash } from 'node:crypto';
import type { ApiContext, ZodApp } from '../api-context.js';

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}' +
  'code{font-weight:600}td{padding:.2rem .8rem .2rem 0;vertical-align:top}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
export const DOCS_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface OpenApiLike {
  info?: { title?: string; version?: string };
  paths?: Record<string, Partial<Record<string, { summary?: string }>>>;
}

export function renderDocsPage(doc: OpenApiLike): string {
  const rows: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      rows.push(
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td>` +
          `<td>${escapeHtml(op.summary ?? '')}</td></tr>`,
      );
    }
  const title = escapeHtml(doc.info?.title ?? 'API');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${title}</title><style>${STYLE}</style></head><body>`,
    `<h1>${title} <small>${escapeHtml(doc.info?.version ?? '')}</small></h1>`,
    '<p>The OpenAPI 3 document: <a href="/docs/json">/docs/json</a>.</p>',
    `<table>${rows.join('')}</table></body></html>`,
  ].join('\n');
}

export function registerDocsRoutes(app: ZodApp, _ctx: ApiContext): void {
  app.get(
    '/docs/json',
    { schema: { tags: ['docs'], summary: 'This OpenAPI 3 document' } },
    async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  );
  app.get(
    '/docs',
    { schema: { tags: ['docs'], summary: 'An HTML index of the operations' } },
    async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCS_CSP)
        .send(renderDocsPage(app.swagger() as OpenApiLike)),
  );
}
