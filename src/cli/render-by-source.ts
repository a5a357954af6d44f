// The demo's proof that one rule file judges both systems alike: per control, how many records of each
// source it judged and how many of them failed, for controls that judged records of more than one source.
import type { Evaluation } from '../engine/index.js';
import { renderTable } from './render-table.js';

/** Rows per control family (IN incidents, CH changes, SL service levels, CF configuration, ...). */
const PER_FAMILY = 2;

interface Tally {
  judged: number;
  failed: number;
}

export function renderFindingsBySource(evaluation: Pick<Evaluation, 'results' | 'passed'>): string {
  const byControl = new Map<string, Map<string, Tally>>();
  const sources = new Set<string>();
  const add = (control: string, source: string, failed: boolean) => {
    sources.add(source);
    let counts = byControl.get(control);
    if (counts === undefined) byControl.set(control, (counts = new Map<string, Tally>()));
    const tally = counts.get(source) ?? { judged: 0, failed: 0 };
    tally.judged++;
    if (failed) tally.failed++;
    counts.set(source, tally);
  };
  for (const result of evaluation.results) {
    const source = result.records[0]?.source;
    if (result.status === 'alarm' && source !== undefined) add(result.control, source, true);
  }
  for (const passed of evaluation.passed) {
    for (const index of passed.indexes) {
      add(passed.control.id, (passed.list.records[index] as { source: string }).source, false);
    }
  }
  const columns = [...sources].sort();
  const failingEverywhere = (counts: Map<string, Tally>) =>
    [...counts.values()].every((t) => t.failed > 0) ? 0 : 1;
  const perFamily = new Map<string, number>();
  const rows = [...byControl]
    .filter(([, counts]) => counts.size > 1)
    .sort((a, b) => failingEverywhere(a[1]) - failingEverywhere(b[1]) || a[0].localeCompare(b[0]))
    .filter(([control]) => {
      const family = /^[A-Z]+/.exec(control)?.[0] ?? control;
      const shown = perFamily.get(family) ?? 0;
      perFamily.set(family, shown + 1);
      return shown < PER_FAMILY;
    })
    .sort((a, b) => a[0].localeCompare(b[0]));
  if (rows.length === 0) return 'no control judged records of more than one source';
  return renderTable(rows, [
    { header: 'control', value: ([control]) => control, align: 'left' },
    ...columns.map((source) => ({
      header: `${source} failed/judged`,
      value: ([, counts]: (typeof rows)[number]) => {
        const t = counts.get(source);
        return t === undefined ? '-' : `${t.failed}/${t.judged}`;
      },
    })),
  ]);
}
