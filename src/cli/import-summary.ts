// The table `iso20k import` prints: what the file held, what reached the record cache, and every reason
// a row was skipped or a value set to null, most frequent first, with example line numbers.
import type { ImportReport, ReasonCount } from '../../connectors/file/import-report.js';
import type { StreamOutcome } from '../pipeline/poll.js';
import { formatDuration, renderTable, type Column } from './render-table.js';

const TOP_REASONS = 10;

export function renderImportSummary(file: string, report: ImportReport, outcome: StreamOutcome): string {
  const figures: [string, string | number][] = [
    ['file', file],
    ['encoding', report.encoding || '-'],
    ['stream', `${outcome.source}/${outcome.stream} (${outcome.kind})`],
    ['rows read', report.rows],
    ['rows imported', report.imported],
    ['rows skipped', report.skipped],
    ['rows repeating an earlier id', report.repeatedIds],
    ['records kept (cache newer)', report.olderThanCached],
    ['values set to null', report.nulled],
    ['records new', outcome.created],
    ['records updated', outcome.updated],
    ['records unchanged', outcome.unchanged],
    ['records removed (--replace)', outcome.deleted],
    ['records in the stream', outcome.records],
    ['duration', formatDuration(outcome.durationMs)],
  ];
  const out = [
    renderTable(figures, [
      { header: 'import', value: ([name]) => name, align: 'left' },
      {
        header: 'result',
        value: ([, value]) => (typeof value === 'number' ? value.toLocaleString('en-US') : value),
        align: 'left',
      },
    ]),
  ];
  const skips = report.skipReasons();
  if (skips.length > 0) out.push('', reasonTable('skipped because', skips));
  const nulls = report.nullReasons();
  if (nulls.length > 0) out.push('', reasonTable('set to null because', nulls));
  return out.join('\n');
}

function reasonTable(title: string, reasons: readonly ReasonCount[]): string {
  const shown = reasons.slice(0, TOP_REASONS);
  const withValues = shown.some((r) => r.example !== undefined);
  const table = renderTable(shown, [
    { header: 'rows', value: (r) => r.count },
    { header: title, value: (r) => r.reason, align: 'left' },
    { header: 'e.g. lines', value: (r) => r.lines.join(', '), align: 'left' },
    ...(withValues ? [valueColumn] : []),
  ]);
  const rest = reasons.length - shown.length;
  return rest > 0 ? `${table}\n(and ${rest} more reasons)` : table;
}

/** The offending value on the first example line, quoted and cut short. */
const valueColumn: Column<ReasonCount> = {
  header: 'value',
  value: (r) => (r.example === undefined ? '' : JSON.stringify(r.example.slice(0, 40))),
  align: 'left',
};
