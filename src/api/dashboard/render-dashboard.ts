// The dashboard page at "/": one server-rendered HTML string built from state only (the last assessment,
// the findings ledger, the run history, stream status, the ticket ledger). Nothing is recomputed here:
// the page shows what the service last decided, the same as the JSON API.
import { clauseViews } from '../clause-view.js';
import type { ApiContext } from '../api-context.js';
import type { StateData } from '../../state/state-schema.js';
import { buildStatus } from '../routes/status.js';
import { clauseHeatmap } from './clause-heatmap.js';
import type { DashboardQuery } from './dashboard-query.js';
import { DASHBOARD_CSS } from './dashboard-style.js';
import { findingsIndex } from '../../state/findings-index.js';
import { findingsSection } from './findings-table.js';
import { esc, minute } from './html.js';
import { openChart } from './open-chart.js';
import { openOverRuns } from './open-over-runs.js';
import { sourceHealth } from './source-health.js';

/** Runs drawn in the chart: enough to see a trend, few enough that each point stays readable. */
export const CHART_RUNS = 20;

function header(ctx: ApiContext, state: Readonly<StateData>, status: ReturnType<typeof buildStatus>): string {
  const a = status.lastAssessment;
  const run = status.currentRun;
  const open = findingsIndex(state.findings).openBySeverity;
  const facts = [
    ['Open findings', `${open.major + open.minor + open.info} (${open.major} major)`],
    ['Last assessment', a === null ? 'none yet' : `${minute(a.at)} UTC (pack ${a.pack})`],
    ['Run going', run === null ? 'none' : `${run.id}, since ${minute(run.startedAt)} UTC`],
    ['Page generated', `${minute(ctx.now().toISOString())} UTC`],
  ];
  return (
    `<header><div><h1>ISO/IEC 20000-1:2018 status</h1>` +
    `<p class="meta">${facts.map(([k, v]) => `<span><b>${esc(k ?? '')}:</b> ${esc(v ?? '')}</span>`).join('')}</p></div>` +
    `<nav><a href="#clauses">Clauses</a><a href="#findings">Findings</a><a href="#sources">Sources</a>` +
    `<a href="/api/v1/status">Status JSON</a><a href="/docs">API</a></nav></header>`
  );
}

export function renderDashboard(ctx: ApiContext, query: DashboardQuery): string {
  // Read once: the service swaps in a new state object after a run, and one page must show one state.
  const state = ctx.deps.state();
  const status = buildStatus(ctx);
  const clauses = clauseViews(ctx.pack, state);
  const index = findingsIndex(state.findings);
  const findingClauses = index.byClause;
  // Offer the clauses that have findings, in the pack's order; a clause chosen from the heat map is kept.
  const clauseIds = clauses.map((c) => c.id).filter((id) => findingClauses.has(id) || id === query.clause);
  const points = openOverRuns(state.runs, state.findings, CHART_RUNS);
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>iso20k: ISO/IEC 20000-1 status</title><style>${DASHBOARD_CSS}</style></head><body>`,
    header(ctx, state, status),
    clauseHeatmap(clauses, state.lastAssessment?.at ?? null),
    `<section id="trend"><h2>Open findings over the last runs</h2>${openChart(points)}</section>`,
    sourceHealth(status),
    findingsSection({
      findings: index.byStatusSeverity(),
      tickets: state.tickets,
      clauseIds,
      query,
      scrub: ctx.scrub,
    }),
    '</body></html>',
  ].join('\n');
}
