// The sample section: per kind, the drawn records with their result under every per-record control of
// that kind, so an auditor can re-check each row in the source system.
import { RECORD_KINDS, type RecordKind } from '../contracts/records.js';
import type { Evaluation } from '../engine/evaluate-pack.js';
import type { Control } from '../engine/pack-schema.js';
import { datedRecord, identity, type LooseRecord } from './record-dates.js';
import type { RecordsByKind } from './record-lookup.js';
import type { ReportSample, SampleKind, SampledRecord } from './report-schema.js';
import { SAMPLE_METHOD, drawSample } from './sample.js';

export interface SampleInputs {
  records: RecordsByKind;
  controls: readonly Control[];
  evaluation: Evaluation;
  seed: string;
  perKind: number;
}

type Verdict = SampledRecord['results'][number];

export function buildSample(input: SampleInputs): ReportSample {
  const kinds: SampleKind[] = [];
  for (const kind of RECORD_KINDS) {
    const population = wellFormed(input.records(kind));
    if (population.length === 0) continue;
    const drawn = drawSample(population, input.seed, input.perKind);
    const controls = input.controls.filter(
      (c) => c.resource === kind && (c.kind === 'record' || c.kind === 'relation'),
    );
    const verdicts = verdictsFor(kind, controls, drawn, input.evaluation);
    const records = drawn
      .map((r) => ({
        record: datedRecord(r.record, kind),
        results: controls.map(
          (c) =>
            verdicts.get(c.id)?.get(identity(r.source, r.id)) ??
            verdicts.get(c.id)?.get(CONTROL_WIDE) ?? {
              control: c.id,
              status: 'not-in-scope' as const,
              reason: null,
            },
        ),
      }))
      // Shown by key, so an auditor finds a record quickly; the draw itself is by rank.
      .sort((a, b) => (a.record.key < b.record.key ? -1 : a.record.key > b.record.key ? 1 : 0));
    kinds.push({ kind, population: population.length, controls: controls.map((c) => c.id), records });
  }
  return { seed: input.seed, perKind: input.perKind, method: SAMPLE_METHOD, kinds };
}

/** The key under which a control-wide verdict (a skip of the whole control) is kept. */
const CONTROL_WIDE = '\u0000all';

interface Candidate {
  source: string;
  id: string;
  record: LooseRecord;
}

function wellFormed(list: readonly unknown[]): Candidate[] {
  const out: Candidate[] = [];
  for (const value of list) {
    if (typeof value !== 'object' || value === null) continue;
    const record = value as LooseRecord;
    const { source, id } = record;
    if (typeof source === 'string' && typeof id === 'string') out.push({ source, id, record });
  }
  return out;
}

/** Per control, the verdict on each sampled record (by identity), found in one pass over the results. */
function verdictsFor(
  kind: RecordKind,
  controls: readonly Control[],
  drawn: readonly Candidate[],
  evaluation: Evaluation,
): Map<string, Map<string, Verdict>> {
  const sampled = new Set(drawn.map((r) => identity(r.source, r.id)));
  const ids = new Set(controls.map((c) => c.id));
  const out = new Map<string, Map<string, Verdict>>();
  const put = (control: string, key: string, verdict: Verdict) => {
    let map = out.get(control);
    if (map === undefined) out.set(control, (map = new Map<string, Verdict>()));
    map.set(key, verdict);
  };
  for (const p of evaluation.passed) {
    if (p.control.resource !== kind || !ids.has(p.control.id)) continue;
    for (const index of p.indexes) {
      const r = p.list.records[index] as LooseRecord;
      const key = identity(String(r['source']), String(r['id']));
      if (sampled.has(key)) put(p.control.id, key, { control: p.control.id, status: 'ok', reason: null });
    }
  }
  for (const r of evaluation.results) {
    if (!ids.has(r.control)) continue;
    const ref = r.records[0];
    if (r.status === 'skip' && r.subject === 'all') {
      put(r.control, CONTROL_WIDE, { control: r.control, status: 'skip', reason: r.reason });
      continue;
    }
    if (ref === undefined) continue;
    const key = identity(ref.source, ref.id);
    if (sampled.has(key)) put(r.control, key, { control: r.control, status: r.status, reason: r.reason });
  }
  return out;
}
