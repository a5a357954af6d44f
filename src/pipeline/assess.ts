// Judges every record in the cache, of every source, against the mapping pack, and folds the results
// into the findings ledger. One control sees ServiceNow and Jira records of its kind alike.
import path from 'node:path';
import type { CanonicalRecord, Logger, RecordKind } from '../contracts/index.js';
import { AppError } from '../contracts/index.js';
import type { Finding } from '../contracts/findings.js';
import type { Evaluation, Result } from '../engine/index.js';
import { findingFingerprint } from '../lib/hash.js';
import { packText, type PackText } from './ticket-content.js';
import type { FindingDetail } from './ticket-groups.js';
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
  /** False for a dry run (`iso20k plan`): judge and report, but keep state as it was. */
  save?: boolean;
}

export interface Assessment extends Evaluation {
  pack: string;
  changes: FindingChanges;
  /** Records judged, by kind. */
  records: Partial<Record<RecordKind, number>>;
  /** The findings ledger after this assessment (saved unless it was a dry run). */
  findings: Record<string, Finding>;
  /** What each alarming finding cites, for its ticket. */
  details: Map<string, FindingDetail>;
  /** Titles and guidance, for tickets. */
  text: PackText;
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
  if (deps.save !== false) {
    await deps.state.saveAssessment(findings, {
      at: deps.now.toISOString(),
      pack,
      clauses: evaluation.clauses.map((c) => ({ ...c, controls: [...c.controls] })),
      totals,
    });
  }
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
  const details = findingDetails(pack, evaluation.results, byKind);
  return { ...evaluation, pack, changes, records, findings, details, text: packText(pack, loaded.pack) };
}

/**
 * What each alarming (or waived) result cites, by finding fingerprint, with the assignment group of its
 * first record (looked up in one pass over the records, only for the records cited).
 */
function findingDetails(
  pack: string,
  results: readonly Result[],
  byKind: ReadonlyMap<RecordKind, readonly CanonicalRecord[]>,
): Map<string, FindingDetail> {
  const details = new Map<string, FindingDetail>();
  const wanted = new Map<string, FindingDetail[]>();
  for (const result of results) {
    if (result.status !== 'alarm' && result.status !== 'waived') continue;
    const detail: FindingDetail = { records: result.records, assignmentGroup: null };
    details.set(findingFingerprint(pack, result.control, result.subject), detail);
    const first = result.records[0];
    if (first === undefined) continue;
    const key = `${first.source}\u0000${first.id}`;
    const list = wanted.get(key);
    if (list === undefined) wanted.set(key, [detail]);
    else list.push(detail);
  }
  if (wanted.size === 0) return details;
  for (const list of byKind.values()) {
    for (const record of list) {
      const waiting = wanted.get(`${record.source}\u0000${record.id}`);
      if (waiting === undefined) continue;
      const group = 'assignmentGroup' in record ? (record.assignmentGroup ?? null) : null;
      for (const detail of waiting) detail.assignmentGroup = group;
    }
  }
  return details;
}

/** Every cached record, grouped by kind across sources and streams. */
export async function recordsByKind(cache: RecordCache): Promise<Map<RecordKind, CanonicalRecord[]>> {
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
