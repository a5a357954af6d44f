// The evidence pack as JSON: the model itself, checked against its schema on the way out so a consumer
// can rely on EvidenceReportSchema. Every failing record is included.
import { EvidenceReportSchema, type EvidenceReport } from './report-schema.js';

export function renderJson(report: EvidenceReport): string {
  return `${JSON.stringify(EvidenceReportSchema.parse(report), null, 2)}\n`;
}
