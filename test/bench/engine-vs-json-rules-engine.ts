// Ten per-record rules over the same incidents and changes, judged by our engine and by
// json-rules-engine 7 with the equivalent conditions. Both must give the same ok/alarm counts per
// rule; the script fails if they differ.
//   node --import tsx test/bench/engine-vs-json-rules-engine.ts [records per kind]
// Prints one JSON line.
import path from 'node:path';
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { RecordKind } from '../../src/contracts/records.js';
import { compilePack, evaluatePack, formatMappingProblem, loadPack } from '../../src/engine/index.js';
import { peakRssMb, REPO } from './bench-kit.js';
import { FULL_COUNTS, pinToOneCore, RecordGenerator } from './engine-records.js';

const perKind = Number(process.argv[2] ?? 100_000) || 100_000;
const cpus = await pinToOneCore();
const now = Date.parse('2026-11-22T00:00:00.000Z');

// The shipped controls compared, five on incidents and five on changes.
const RULES = [
  'IN1-classification',
  'IN3-resolution-recorded',
  'PR2-p1-incident-problem',
  'IS1-security-incident-classified',
  'AV3-major-incident-service',
  'CH1-approved-before-implementation',
  'CH2-plans-present',
  'CH3-risk-assessed',
  'CH4-closure-recorded',
  'CH10-classification',
] as const;
type RuleId = (typeof RULES)[number];

// --- the same rules as json-rules-engine conditions: scope first, then the assertion ---------------
const fact = (name: string, operator: string, value: unknown): NestedCondition => ({
  fact: name,
  operator,
  value: value as never,
});
const present = (name: string) => fact(name, 'notEqual', null);
const notEmpty = (name: string): NestedCondition => ({ not: fact(name, 'isEmpty', true) });
const jreRules: Record<RuleId, { kind: RecordKind; scope: NestedCondition[]; assert: NestedCondition[] }> = {
  'IN1-classification': {
    kind: 'incident',
    scope: [fact('state', 'notEqual', 'canceled')],
    assert: [
      notEmpty('category'),
      present('impact'),
      present('urgency'),
      { any: [notEmpty('ciId'), notEmpty('serviceId')] },
    ],
  },
  'IN3-resolution-recorded': {
    kind: 'incident',
    scope: [fact('state', 'in', ['resolved', 'closed'])],
    assert: [notEmpty('closeCode'), notEmpty('closeNotes'), present('resolvedAt')],
  },
  'PR2-p1-incident-problem': {
    kind: 'incident',
    scope: [fact('priority', 'equal', 1), fact('state', 'in', ['resolved', 'closed'])],
    assert: [notEmpty('problemId')],
  },
  'IS1-security-incident-classified': {
    kind: 'incident',
    scope: [fact('security', 'equal', true), fact('state', 'notEqual', 'canceled')],
    assert: [present('priority'), notEmpty('category'), notEmpty('assignmentGroup')],
  },
  'AV3-major-incident-service': {
    kind: 'incident',
    scope: [fact('major', 'equal', true)],
    assert: [notEmpty('serviceId')],
  },
  'CH1-approved-before-implementation': {
    kind: 'change',
    scope: [fact('state', 'in', ['implement', 'review', 'closed']), fact('type', 'notEqual', 'standard')],
    assert: [fact('approval', 'equal', 'approved')],
  },
  'CH2-plans-present': {
    kind: 'change',
    scope: [
      fact('type', 'in', ['normal', 'emergency']),
      fact('state', 'in', ['authorize', 'scheduled', 'implement', 'review', 'closed']),
    ],
    assert: [notEmpty('implementationPlan'), notEmpty('backoutPlan'), notEmpty('testPlan')],
  },
  'CH3-risk-assessed': {
    kind: 'change',
    scope: [fact('type', 'in', ['normal', 'emergency']), fact('state', 'notIn', ['new', 'canceled'])],
    assert: [present('risk')],
  },
  'CH4-closure-recorded': {
    kind: 'change',
    scope: [fact('state', 'equal', 'closed')],
    assert: [present('closeCode'), notEmpty('closeNotes')],
  },
  'CH10-classification': {
    kind: 'change',
    scope: [fact('state', 'notEqual', 'canceled')],
    assert: [
      present('type'),
      fact('type', 'notEqual', 'other'),
      { any: [notEmpty('ciId'), notEmpty('serviceId')] },
    ],
  },
};

function jreEngine(kind: RecordKind): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  // Our `empty`: null, '', an empty list or mapping.
  engine.addOperator(
    'isEmpty',
    (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) ? v.length === 0 : false),
  );
  for (const id of RULES) {
    const rule = jreRules[id];
    if (rule.kind !== kind) continue;
    const conditions: TopLevelCondition = { all: [{ all: rule.scope }, { all: rule.assert }] };
    engine.addRule({ name: id, conditions, event: { type: id } } satisfies RuleProperties);
  }
  return engine;
}

// --- records, generated before any timing ------------------------------------------------------
const gen = new RecordGenerator(now, { ...FULL_COUNTS, incident: perKind, change: perKind });
const byKind = new Map<RecordKind, unknown[]>([
  ['incident', Array.from({ length: perKind }, (_, i) => gen.incident(i))],
  ['change', Array.from({ length: perKind }, (_, i) => gen.change(i))],
]);
const recordCount = perKind * 2;

// --- ours ------------------------------------------------------------------------------------------
const { pack, problems } = await loadPack(path.join(REPO, 'mappings', 'iso20000-1-2018'));
if (pack === undefined) throw new Error(problems.map(formatMappingProblem).join('\n'));
const subset = {
  ...pack,
  controls: pack.controls.filter((c) => (RULES as readonly string[]).includes(c.id)),
};
if (subset.controls.length !== RULES.length) throw new Error('a compared control is missing from the pack');
const compiled = compilePack(subset);
const o0 = performance.now();
const { results, passed } = evaluatePack(compiled, (kind) => byKind.get(kind) ?? [], new Date(now));
const oursSeconds = (performance.now() - o0) / 1000;
const ours = tally();
for (const r of results) {
  if (r.status === 'ok' || r.status === 'alarm') ours[r.control as RuleId][r.status]++;
  else throw new Error(`unexpected ${r.status} from ${r.control}: ${r.reason}`);
}
for (const p of passed) ours[p.control.id as RuleId].ok += p.indexes.length;

// --- json-rules-engine ------------------------------------------------------------------------------
const theirs = tally();
const j0 = performance.now();
for (const kind of ['incident', 'change'] as const) {
  const engine = jreEngine(kind);
  for (const record of byKind.get(kind) ?? []) {
    const { results: passed, failureResults } = await engine.run(record as Record<string, unknown>);
    for (const r of passed) theirs[r.name as RuleId].ok++;
    for (const r of failureResults) {
      // A failed rule is an alarm only if its scope held (json-rules-engine records each result).
      const scope = (r.conditions as { all: { result?: boolean }[] }).all[0];
      if (scope?.result === true) theirs[r.name as RuleId].alarm++;
    }
  }
}
const jreSeconds = (performance.now() - j0) / 1000;

for (const id of RULES) {
  if (ours[id].ok !== theirs[id].ok || ours[id].alarm !== theirs[id].alarm)
    throw new Error(
      `${id}: our engine ok/alarm ${ours[id].ok}/${ours[id].alarm}, json-rules-engine ${theirs[id].ok}/${theirs[id].alarm}`,
    );
  if (ours[id].ok === 0 || ours[id].alarm === 0) throw new Error(`${id}: the records give no ok or no alarm`);
}

function tally(): Record<RuleId, { ok: number; alarm: number }> {
  return Object.fromEntries(RULES.map((id) => [id, { ok: 0, alarm: 0 }])) as Record<
    RuleId,
    { ok: number; alarm: number }
  >;
}

console.log(
  JSON.stringify({
    cpus,
    records: recordCount,
    rules: RULES.length,
    oursSeconds,
    jreSeconds,
    oursUsPerRecord: (oursSeconds / recordCount) * 1e6,
    jreUsPerRecord: (jreSeconds / recordCount) * 1e6,
    ratio: jreSeconds / oursSeconds,
    counts: ours,
    peakRssMb: peakRssMb(),
  }),
);
