// The dashboard's only stylesheet, inlined and allowed by its hash (like /docs), so the page's CSP still
// forbids every script, inline style attribute and outside fetch. Colours follow the evidence pack's heat
// map; print rules drop the form, keep backgrounds light and write external link targets out.
import { createHash } from 'node:crypto';

export const DASHBOARD_CSS = `
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --alarm: #b42318; --alarm-bg: #fee4e2; --skip: #57606a;
  --skip-bg: #eaeef2; --manual: #6639ba; --manual-bg: #efe6fb; --waived: #9a6700; --waived-bg: #fff4d4;
  --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2328; background: #fff; margin: 0 auto; max-width: 1240px; padding: 16px 24px; }
header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 24px;
  border-bottom: 2px solid var(--line); padding-bottom: 8px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 18px; margin: 22px 0 8px; padding-bottom: 3px; border-bottom: 1px solid var(--line); }
a { color: #0550ae; }
nav a { margin-right: 12px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.meta { margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; }
.meta b { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.reason { max-width: 420px; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.s-ok { color: var(--ok); background: var(--ok-bg); }
.s-alarm, .s-open, .s-major { color: var(--alarm); background: var(--alarm-bg); }
.s-skip, .s-not_assessed, .s-resolved, .s-info { color: var(--skip); background: var(--skip-bg); }
.s-manual { color: var(--manual); background: var(--manual-bg); }
.s-waived, .s-minor { color: var(--waived); background: var(--waived-bg); }
.legend { display: flex; gap: 10px; flex-wrap: wrap; margin: 6px 0; font-size: 12px; }
.heatmap { display: grid; grid-template-columns: 70px 1fr; gap: 5px 10px; align-items: start; }
.heatmap .group { font-weight: 700; padding-top: 4px; }
.heatmap .cells { display: flex; flex-wrap: wrap; gap: 4px; }
.cell { display: block; width: 118px; padding: 3px 6px; border-radius: 4px;
  text-decoration: none; border: 1px solid currentColor; font-size: 11px; line-height: 1.25; }
.cell:hover, .cell:focus { outline: 2px solid #0550ae; }
.cell .id { font-weight: 700; font-size: 12px; display: block; }
.cell .t { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: #1f2328;
  font-size: 10px; }
.cell .n, .cell .f { display: block; font-variant-numeric: tabular-nums; font-weight: 600; }
.cell .f { font-weight: 400; }
svg.chart { width: 100%; max-width: 760px; height: auto; display: block; }
svg.chart .grid { stroke: #eaeef2; }
svg.chart .axis { stroke: #57606a; }
svg.chart .series { fill: none; stroke: var(--alarm); stroke-width: 2; }
svg.chart .pt { fill: var(--alarm); stroke: #fff; stroke-width: 1.5; }
svg.chart .pt.run-failed, svg.chart .pt.run-aborted { fill: #fff; stroke: var(--alarm); stroke-width: 2; }
svg.chart .tick { font-size: 11px; fill: #57606a; }
svg.chart .label { font-size: 12px; fill: #1f2328; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 6px 0;
  padding: 8px 10px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; }
form.filters select, form.filters button { font: inherit; padding: 2px 6px; }
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 11px; }
  nav, form.filters { display: none; }
  #findings { break-before: page; }
  h2 { break-after: avoid; }
  tr, .cell, svg.chart { break-inside: avoid; }
  th, form.filters { background: #fff; }
  .badge, .cell, svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: #1f2328; }
  a.ext[href]::after { content: " (" attr(href) ")"; font-size: 9px; color: var(--muted); word-break: break-all; }
}
`;

const STYLE_HASH = createHash('sha256').update(DASHBOARD_CSS).digest('base64');

/** No scripts at all; the hashed stylesheet; the filter form may submit to this origin only. */
export const DASHBOARD_CSP =
  `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; ` +
  `frame-ancestors 'none'; base-uri 'none'`;
