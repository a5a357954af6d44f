// An export file as a SourceConnector with one stream, so `iso20k import` drives it through the same
// poll pipeline (batches, cursors, record cache, stream status) as a live ServiceNow or Jira source.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { CanonicalRecord, CheckResult, RecordKind, SourceConnector } from '../../src/contracts/index.js';
import { createFileStream, unreadable, type FileFormat } from './file-stream.js';
import type { ImportReport } from './import-report.js';
import type { LoadedMapping } from './mapping-load.js';

export interface FileSourceOptions {
  /** The source id the records carry. */
  id: string;
  file: string;
  kind: RecordKind;
  loaded: LoadedMapping;
  report: ImportReport;
  /** Default: the mapping's `format`, else the file's extension. */
  format?: FileFormat;
  batchSize?: number;
  /** The cached version of a record, for `duplicates: latest` (see FileStreamOptions). */
  cachedRecord?: (id: string) => CanonicalRecord | undefined;
  /** The file is a complete export: remove cached records it no longer holds (see FileStreamOptions). */
  replace?: boolean;
}

export function createFileSource(options: FileSourceOptions): SourceConnector {
  const { mapping } = options.loaded;
  const format = options.format ?? mapping.format ?? formatOf(options.file);
  const stream = createFileStream({
    file: options.file,
    kind: options.kind,
    name: mapping.stream ?? `import:${options.kind}`,
    source: options.id,
    loaded: options.loaded,
    format,
    report: options.report,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.cachedRecord === undefined ? {} : { cachedRecord: options.cachedRecord }),
    ...(options.replace === true ? { replace: true } : {}),
  });
  return {
    id: options.id,
    type: 'file',
    // With replace, every import ends with the deletion sweep (the pipeline runs it when due).
    ...(options.replace === true ? { sweepIntervalMs: 0 } : {}),
    async check(): Promise<CheckResult> {
      try {
        await access(options.file, constants.R_OK);
        return { ok: true, detail: `${options.file} is readable` };
      } catch (error) {
        return { ok: false, error: unreadable(options.file, error) };
      }
    },
    streams: () => [stream],
  };
}

/** The format an extension implies; anything unknown is read as CSV (exports are often .txt). */
export function formatOf(file: string): FileFormat {
  const extension = path.extname(file.replace(/\.gz$/i, '')).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.xml') return 'xml';
  return 'csv';
}
