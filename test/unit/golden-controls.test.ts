// Golden tests for the shipped ISO/IEC 20000-1:2018 pack: one YAML file per controls file under
// test/golden/, with per control a few partial records (merged over a full valid base record of their
// kind) and the exact status expected per subject (record key, group key or "all").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordKind } from '../../src/contracts/records.js';
import { RECORD_SCHEMAS } from '../../src/contracts/records.js';
import {
  compilePack,
  allResults,
  evaluatePack,
  formatMappingProblem,
  loadPack,
  type CompiledPack,
  type Pack,
  type ResultStatus,
} from '../../src/engine/index.js';
import { change, ci, daysAgo, incident, NOW, problem, review } from '../fixtures/mappings/records.js';

const PACK_DIR = 'mappings/iso20000-1-2018';
const GOLDEN_DIR = 'test/golden';

type PartialRecord = Record<string, unknown>;

interface GoldenCase {
  /** Defaults to the control's resource kind. */
  kind?: RecordKind;
  records?: PartialRecord[];
  /** Records of other kinds, each with its own `kind`. */
  related?: PartialRecord[];
  expect: Record<string, ResultStatus>;
}

const envelope = (kind: string, id: string, prefix: string) => ({
  kind,
  source: 'snow',
  id,
  key: `${prefix}-${id}`,
  url: `https://example.invalid/${id}`,
  createdAt: daysAgo(10),
  updatedAt: daysAgo(1),
  stateRaw: null,
});

const work = {
  priority: 3,
  impact: 2,
  urgency: 2,
  category: 'software',
  subcategory: null,
  assignmentGroup: 'g1',
  assignedTo: null,
  ciId: null,
  serviceId: 'svc-mail',
  active: false,
  title: 'Mail is slow',
};

/** A full valid record of each kind; the fixture's partial record is merged over it. */
const BASE: { [K in RecordKind]: (id: string) => Record<string, unknown> } = {
  incident: (id) => incident({ id, key: `INC-${id}` }),
  problem: (id) => problem({ id, key: `PRB-${id}` }),
  change: (id) => change({ id, key: `CHG-${id}` }),
  ci: (id) => ci({ id, key: `CI-${id}` }),
  review: (id) => review({ id, key: `REV-${id}` }),
  request: (id) => ({
    ...envelope('request', id, 'REQ'),
    ...work,
    state: 'fulfilled',
    approval: 'approved',
    catalogItem: 'laptop',
    requestedFor: 'u1',
    stage: 'complete',
    dueAt: daysAgo(3),
    closedAt: daysAgo(4),
  }),
  release: (id) => ({
    ...envelope('release', id, 'REL'),
    ...work,
    state: 'released',
    version: '1.0.0',
    changeId: 'c1',
    plannedStart: daysAgo(5),
    plannedEnd: daysAgo(4),
    releasedAt: daysAgo(4),
  }),
  sla: (id) => ({
    ...envelope('sla', id, 'SLA'),
    taskId: 'i1',
    taskKey: 'INC-i1',
    agreementId: 'a1',
    name: 'P3 resolution',
    stage: 'achieved',
    breached: false,
    active: false,
    startAt: daysAgo(5),
    endAt: daysAgo(4),
    breachAt: daysAgo(3),
    goalMs: 86_400_000,
    elapsedMs: 3_600_000,
    pausedMs: 0,
    elapsedPercent: 4.2,
    serviceId: 'svc-mail',
  }),
  agreement: (id) => ({
    ...envelope('agreement', id, 'AGR'),
    name: 'P3 resolution',
    type: 'sla',
    target: 'resolution',
    appliesTo: 'incident',
    goalMs: 86_400_000,
    active: true,
    serviceId: 'svc-mail',
  }),
  service: (id) => ({
    ...envelope('service', id, 'SVC'),
    name: 'Mail',
    description: 'Corporate e-mail',
    ownerId: 'u1',
    supportGroup: 'g1',
    operationalStatus: 'operational',
    criticality: 'high',
  }),
  ci_relation: (id) => ({
    ...envelope('ci_relation', id, 'REL'),
    parentId: 'ci1',
    childId: 'ci2',
    type: 'depends_on',
  }),
  knowledge: (id) => ({
    ...envelope('knowledge', id, 'KB'),
    title: 'How to reset a password',
    state: 'published',
    validTo: daysAgo(-300),
    authorId: 'u1',
    ownerGroup: 'g1',
    knowledgeBase: 'IT',
    category: 'howto',
  }),
};

/** `ago: N` in a fixture means N days before NOW (negative: in the future), written `{ ago: 5 }`. */
function resolveDates(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'ago') return daysAgo((value as { ago: number }).ago);
  }
  return value;
}

function build(kind: RecordKind, partial: PartialRecord): Record<string, unknown> {
  const id = typeof partial.id === 'string' ? partial.id : 'x';
  const out: Record<string, unknown> = BASE[kind](id);
  for (const [field, value] of Object.entries(partial)) {
    if (field === 'kind') continue;
    out[field] = resolveDates(value);
  }
  // The id is also the key unless the fixture sets one: expectations name records by id.
  if (partial.key === undefined) out.key = id;
  const parsed = RECORD_SCHEMAS[kind].safeParse(out);
  if (!parsed.success) throw new Error(`golden ${kind} ${id} is not a valid record: ${parsed.error.message}`);
  return out;
}

/** `repeat: N` on a partial record makes N copies with ids `<id>-1` .. `<id>-N`. */
function expand(partials: readonly PartialRecord[]): PartialRecord[] {
  return partials.flatMap((p) => {
    const { repeat, ...rest } = p;
    if (typeof repeat !== 'number') return [p];
    return Array.from({ length: repeat }, (_, i) => ({ ...rest, id: `${String(rest.id)}-${i + 1}` }));
  });
}

function loadGolden(): Map<string, { file: string; golden: GoldenCase[] }> {
  const cases = new Map<string, { file: string; golden: GoldenCase[] }>();
  for (const file of readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const doc = parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')) as {
      cases?: Record<string, GoldenCase | GoldenCase[]>;
    };
    for (const [id, golden] of Object.entries(doc.cases ?? {})) {
      if (cases.has(id)) throw new Error(`golden case ${id} appears twice (${file})`);
      cases.set(id, { file, golden: Array.isArray(golden) ? golden : [golden] });
    }
  }
  return cases;
}

const GOLDEN = loadGolden();
let pack: Pack;
let compiled: CompiledPack;

beforeAll(async () => {
  const loaded = await loadPack(PACK_DIR);
  expect(loaded.problems.map(formatMappingProblem)).toEqual([]);
  pack = loaded.pack!;
  compiled = compilePack(pack);
});

function evaluateOne(id: string, golden: GoldenCase): Record<string, ResultStatus> {
  const control = compiled.controls.find((c) => c.id === id);
  if (control === undefined) throw new Error(`the pack has no control ${id}`);
  const resource = control.control.resource;
  const records = [
    ...expand(golden.records ?? []).map((p) => build((p.kind as RecordKind | undefined) ?? resource, p)),
    ...expand(golden.related ?? []).map((p) => build(p.kind as RecordKind, p)),
  ];
  const only: CompiledPack = { ...compiled, controls: [control] };
  const results = allResults(evaluatePack(only, (kind) => records.filter((r) => r.kind === kind), NOW));
  const statuses: Record<string, ResultStatus> = {};
  for (const r of results) {
    if (r.subject in statuses) throw new Error(`${id}: two results for subject ${r.subject}`);
    statuses[r.subject] = r.status;
  }
  return statuses;
}

describe('golden cases of the shipped pack', () => {
  for (const [id, { file, golden }] of GOLDEN) {
    golden.forEach((one, i) => {
      it(`${id} case ${i + 1} (${file})`, () => {
        expect(evaluateOne(id, one)).toEqual(one.expect);
      });
    });
  }
});

function uncovered(): string[] {
  return pack.controls
    .map((c) => c.id)
    .filter((id) => {
      const statuses = (GOLDEN.get(id)?.golden ?? []).flatMap((g) => Object.values(g.expect));
      return !statuses.includes('ok') || !statuses.includes('alarm');
    });
}

describe('golden coverage', () => {
  it('every golden case names a control of the pack', () => {
    const ids = new Set(pack.controls.map((c) => c.id));
    expect([...GOLDEN.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('every control of the pack has a golden case with at least one ok and one alarm', () => {
    const missing = uncovered();
    expect(missing, `controls without an ok and an alarm golden case: ${missing.join(', ')}`).toEqual([]);
  });
});
