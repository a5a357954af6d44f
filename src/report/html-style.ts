// The report's only stylesheet, inlined so the file is self-contained: system fonts, no fetches, and
// print rules (page breaks between clause groups, no dark backgrounds, link targets written out).
export const REPORT_CSS = `
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --alarm: #b42318; --alarm-bg: #fee4e2; --skip: #57606a;
  --skip-bg: #eaeef2; --manual: #6639ba; --manual-bg: #efe6fb; --waived: #9a6700; --waived-bg: #fff4d4;
  --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2328; background: #fff; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
h4 { font-size: 14px; margin: 12px 0 4px; }
a { color: #0550ae; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.s-ok { color: var(--ok); background: var(--ok-bg); }
.s-alarm { color: var(--alarm); background: var(--alarm-bg); }
.s-skip, .s-not-in-scope { color: var(--skip); background: var(--skip-bg); }
.s-manual { color: var(--manual); background: var(--manual-bg); }
.s-waived { color: var(--waived); background: var(--waived-bg); }
.s-error { color: #fff; background: var(--alarm); }
.heatmap { display: grid; grid-template-columns: 72px 1fr; gap: 6px 10px; align-items: start; }
.heatmap .group { font-weight: 700; padding-top: 6px; }
.heatmap .cells { display: flex; flex-wrap: wrap; gap: 4px; }
.cell { display: block; width: 128px; min-height: 64px; padding: 4px 6px; border-radius: 4px;
  text-decoration: none; border: 1px solid currentColor; font-size: 11px; line-height: 1.25; }
.cell .id { font-weight: 700; font-size: 13px; display: block; }
.cell .t { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  color: #1f2328; font-size: 10px; }
.cell .n { display: block; font-variant-numeric: tabular-nums; font-weight: 600; margin-top: 2px; }
.legend { display: flex; gap: 10px; flex-wrap: wrap; margin: 8px 0 4px; font-size: 12px; }
.summary { display: flex; gap: 8px; flex-wrap: wrap; margin: 6px 0; }
.note { border-left: 4px solid var(--waived); background: var(--waived-bg); padding: 8px 12px; margin: 12px 0; }
.clause { margin: 8px 0 16px; }
.clause.depth-0 > h3 { font-size: 18px; }
.clause.depth-2, .clause.depth-3 { margin-left: 18px; }
.control { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
.control h4 { margin-top: 4px; }
.crosswalk { font-size: 12px; color: var(--muted); margin-left: 6px; }
.more { font-style: italic; color: var(--muted); }
ul.evidence { margin: 4px 0 8px; padding-left: 20px; }
table.sample { width: auto; }
table.sample th.ctl { font-size: 10px; font-weight: 600; writing-mode: vertical-rl; transform: rotate(180deg);
  white-space: nowrap; padding: 6px 2px; }
table.sample td.v { text-align: center; padding: 2px; font-weight: 700; }
td.box { width: 28px; text-align: center; }
#manual td:last-child { width: 28%; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 11px; }
  .clause-group, #waivers, #manual, #sample, #method { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr, .cell, .control { break-inside: avoid; }
  th { background: #fff; }
  .heatmap, .badge, .cell, .s-error { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: #1f2328; }
  a.ext[href]::after { content: " (" attr(href) ")"; font-size: 9px; color: var(--muted); word-break: break-all; }
}
`;
