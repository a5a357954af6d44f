// The options of `iso20k report`, checked before anything is read: a malformed period, format or seed
// is a usage error (exit 2) that names the option and shows the accepted form.
import { randomInt } from 'node:crypto';
import { AppError } from '../contracts/index.js';
import { parsePeriod, REPORT_FORMATS, type Period, type ReportFormat } from '../report/index.js';

export interface RawReportOptions {
  format: string;
  period?: string;
  out?: string;
  seed?: string;
  config?: string;
  dataDir?: string;
}

export interface ReportOptions {
  format: ReportFormat;
  period: Period | undefined;
  out: string | undefined;
  seed: string;
  /** Whether the seed was drawn here (then the summary line says how to reproduce the sample). */
  seedDrawn: boolean;
}

export function parseReportOptions(raw: RawReportOptions): ReportOptions {
  const format = REPORT_FORMATS.find((f) => f === raw.format);
  if (format === undefined) {
    throw new AppError(
      'USAGE',
      `--format ${JSON.stringify(raw.format)}: use one of ${REPORT_FORMATS.join(', ')}`,
    );
  }
  if (raw.seed !== undefined && !/^\d{1,15}$/.test(raw.seed)) {
    throw new AppError('USAGE', `--seed ${JSON.stringify(raw.seed)}: use a whole number such as 20260401`);
  }
  if (raw.out === '') throw new AppError('USAGE', '--out needs a file name');
  return {
    format,
    period: raw.period === undefined ? undefined : parsePeriod(raw.period),
    out: raw.out,
    // Without --seed the sample is unpredictable to the organisation, and the seed is printed to redo it.
    seed: raw.seed ?? String(randomInt(1, 1_000_000_000)),
    seedDrawn: raw.seed === undefined,
  };
}
