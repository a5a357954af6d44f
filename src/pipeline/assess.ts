// Judges every record in the cache, of every source, against the mapping pack, and folds the results
// into the findings ledger. One control sees ServiceNow and Jira records of its kind alike.
import path from 'node:path';
import type { CanonicalRecord, Logger, RecordKind } from '../contracts/index.js';
import { AppError } from '../contracts/index.js';
import type { Evaluation } from '../engine/index.js';
import { compilePack, evaluatePack, formatMappingProblem, loadPack, passedCount } from '../engine/index.js';
import type { MappingsConfig } from '../settings/schema.js';
import type { RecordCache } from '../state/record-cache.js';
import type { StateStore } from '../state/state-store.js';
import type { FindingChanges } from './update-findings.js';
import { updateFindings } from './update-findings.js';

export interface AssessDeps {
  cache: RecordCache;
  state: StateStore;
  /** The pack folder (already resolved). */
  packDir: string;
  mappings: MappingsConfig;
  log: Logger;
  now: Date;
}

export interface Assessment extends Evaluation {
  pack: string;
  changes: FindingChanges;
  /** Records judged, by kind. */
  records: Partial<Record<RecordKind, number>>;
}

export async function assess(deps: AssessDeps): Promise<Assessment> {
  const loaded = await loadPack(deps.packDir);
  if (loaded.pack === undefined || loaded.problems.length > 0) {
    throw new AppError('MAPPING_INVALID', loaded.problems.map(formatMappingProblem).join('\n'), {
      details: { problems: loaded.problems },
    });
  }
  const compiled = compilePack(loaded.pack, {
    params: deps.mappings.params,
    waivers: deps.mappings.waivers,
  });
  const byKind = await recordsByKind(deps.cache);
  const evaluation = evaluatePack(compiled, (kind) => byKind.get(kind) ?? [], deps.now);
  const pack = path.basename(deps.packDir);
  const { findings, changes } = updateFindings(pack, deps.state.data.findings, evaluation.results, deps.now);
  const totals: Record<string, number> = {};
  for (const result of evaluation.results) totals[result.status] = (totals[result.status] ?? 0) + 1;
  totals['ok'] = (totals['ok'] ?? 0) + passedCount(evaluation.passed);
  await deps.state.saveAssessment(findings, {
    at: deps.now.toISOString(),
    pack,
    clauses: evaluation.clauses.map((c) => ({ ...c, controls: [...c.controls] })),
    totals,
  });
  deps.log.info(
    {
      pack,
      results: evaluation.results.length + passedCount(evaluation.passed),
      opened: changes.opened.length,
      resolved: changes.resolved.length,
    },
    'assessment done',
  );
  const records: Partial<Record<RecordKind, number>> = {};
  for (const [kind, list] of byKind) records[kind] = list.length;
  return { ...evaluation, pack, changes, records };
}

/** Every cached record, grouped by kind across sources and streams. */
async function recordsByKind(cache: RecordCache): Promise<Map<RecordKind, CanonicalRecord[]>> {
  const byKind = new Map<RecordKind, CanonicalRecord[]>();
  for (const key of await cache.list()) {
    const stream = await cache.open(key);
    try {
      let list = byKind.get(key.kind);
      if (list === undefined) byKind.set(key.kind, (list = []));
      for (const record of stream.records.values()) list.push(record);
    } finally {
      await stream.close();
    }
  }
  return byKind;
}
