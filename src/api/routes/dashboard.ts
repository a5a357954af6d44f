// GET /: the dashboard, server-rendered HTML with no scripts (src/api/dashboard). Hidden from the OpenAPI
// document, which describes the JSON API; the page's filters are its query string (see dashboard-query.ts).
import { DashboardQuerySchema } from '../dashboard/dashboard-query.js';
import { DASHBOARD_CSP } from '../dashboard/dashboard-style.js';
import { renderDashboard } from '../dashboard/render-dashboard.js';
import type { ApiContext, ZodApp } from '../api-context.js';

export function registerDashboardRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get('/', { schema: { hide: true, querystring: DashboardQuerySchema } }, async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', DASHBOARD_CSP)
      .send(renderDashboard(ctx, request.query)),
  );
}
