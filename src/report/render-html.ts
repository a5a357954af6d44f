// The evidence pack as one self-contained HTML file: inline CSS, no script, no external resource, so it
// can be mailed, archived and printed as it is.
import { esc } from './html-escape.js';
import { htmlClauses } from './html-clauses.js';
import { htmlHeader, htmlHeatmap } from './html-heatmap.js';
import { htmlChecklist, htmlMethod, htmlSample, htmlWaivers } from './html-appendix.js';
import { REPORT_CSS } from './html-style.js';
import { DEFAULT_FAILURE_CAP } from './format.js';
import type { EvidenceReport } from './report-schema.js';

export interface HtmlOptions {
  /** Failing records listed per control before "and N more" (CSV and JSON always list all). */
  failureCap?: number;
}

export function renderHtml(report: EvidenceReport, options: HtmlOptions = {}): string {
  const cap = options.failureCap ?? DEFAULT_FAILURE_CAP;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: a strict policy makes any resource a value might smuggle in inert as well.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(report.title)}</title>`,
    `<style>${REPORT_CSS}</style></head><body>`,
    htmlHeader(report),
    htmlHeatmap(report),
    htmlClauses(report, cap),
    htmlWaivers(report),
    htmlChecklist(report),
    htmlSample(report),
    htmlMethod(report),
    `<footer class="small muted"><p>${esc(report.generation.tool.name)} ${esc(report.generation.tool.version)} · ` +
      `clause titles and guidance are iso20k's own words, not the text of ISO/IEC 20000-1.</p></footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
