// The evidence pack (`iso20k report`, and later GET /api/v1/report): build the model once, render it.
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-md.js';
import type { EvidenceReport } from './report-schema.js';

export { buildReport, DEFAULT_SAMPLE_SIZE, type ReportInputs } from './build-report.js';
export { parsePeriod, type Period } from './period.js';
export { EvidenceReportSchema, type EvidenceReport } from './report-schema.js';
export { renderCsv, renderHtml, renderJson, renderMarkdown };

export const REPORT_FORMATS = ['html', 'md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The media type to serve each format with. */
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

export function renderReport(report: EvidenceReport, format: ReportFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'md':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report);
    case 'json':
      return renderJson(report);
  }
}
