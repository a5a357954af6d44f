// Open findings over the last runs as an inline SVG line chart: no script, no image request, so it works
// under the page's CSP, prints as vectors and needs no front-end build. Colours come from the page's
// stylesheet classes; presentation attributes are avoided so nothing needs an inline style.
import { esc, minute } from './html.js';
import type { RunPoint } from './open-over-runs.js';

const WIDTH = 760;
const HEIGHT = 230;
const PAD = { left: 56, right: 20, top: 14, bottom: 52 };
/** More x labels than this overlap at the chart's width; the others are left to the points' tooltips. */
const MAX_X_LABELS = 8;

/** A round upper bound for the y axis (1, 2, 5, 10, 20, 50 ...), so tick labels are whole numbers. */
function niceMax(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

const fixed = (n: number): string => (Math.round(n * 10) / 10).toString();

/** The end labels are anchored inwards so they stay inside the drawing. */
function anchorAt(i: number, count: number): string {
  if (count > 1 && i === 0) return 'start';
  if (count > 1 && i === count - 1) return 'end';
  return 'middle';
}

export function openChart(points: readonly RunPoint[]): string {
  if (points.length === 0)
    return '<p class="muted">No finished runs yet: the chart appears after the first run.</p>';
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const top = niceMax(Math.max(...points.map((p) => p.open)));
  const x = (i: number): number =>
    PAD.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (open: number): number => PAD.top + plotH - (open * plotH) / top;

  const yTicks = [0, top / 2, top]
    .filter((v) => Number.isInteger(v))
    .map(
      (v) =>
        `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${fixed(y(v))}" y2="${fixed(y(v))}"/>` +
        `<text class="tick" x="${PAD.left - 6}" y="${fixed(y(v) + 4)}" text-anchor="end">${v}</text>`,
    );
  const every = Math.ceil(points.length / MAX_X_LABELS);
  const xLabels = points
    .map((p, i) =>
      i % every !== 0 && i !== points.length - 1
        ? ''
        : `<text class="tick" x="${fixed(x(i))}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="${anchorAt(i, points.length)}">${esc(minute(p.finishedAt).slice(5))}</text>`,
    )
    .join('');
  const line =
    points.length < 2
      ? ''
      : `<polyline class="series" points="${points.map((p, i) => `${fixed(x(i))},${fixed(y(p.open))}`).join(' ')}"/>`;
  const dots = points
    .map(
      (p, i) =>
        `<circle class="pt run-${esc(p.status)}" data-run="${esc(p.runId)}" data-open="${p.open}" cx="${fixed(x(i))}" cy="${fixed(y(p.open))}" r="4">` +
        `<title>${esc(`${p.runId} (${p.status}), finished ${minute(p.finishedAt)} UTC: ${p.open} open`)}</title></circle>`,
    )
    .join('');
  const last = points[points.length - 1];
  const summary = `Open findings at the end of each of the last ${points.length} runs; ${last === undefined ? 0 : last.open} after the latest.`;
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">` +
    `<title id="chart-title">Open findings over the last runs</title><desc id="chart-desc">${esc(summary)}</desc>` +
    yTicks.join('') +
    `<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>` +
    `<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"/>` +
    `${xLabels}${line}${dots}` +
    `<text class="label" x="14" y="${fixed(PAD.top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${fixed(PAD.top + plotH / 2)})">open findings</text>` +
    `<text class="label" x="${fixed(PAD.left + plotW / 2)}" y="${HEIGHT - 10}" text-anchor="middle">run finished (UTC)</text>` +
    `</svg><p class="small muted">${esc(summary)} Failed runs are drawn hollow.</p>`
  );
}
