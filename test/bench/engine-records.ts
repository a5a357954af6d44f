// Synthetic canonical records for the engine benchmarks: varied, valid, with a realistic share of gaps
// (missing close notes, unapproved changes, CIs without owners...) so that controls give both ok and
// alarm. Seeded, so every run judges the same records. Built before any timing starts.
import type {
  AgreementRecord,
  CanonicalRecord,
  ChangeRecord,
  CiRecord,
  CiRelationRecord,
  IncidentRecord,
  KnowledgeRecord,
  ProblemRecord,
  RecordKind,
  ReleaseRecord,
  RequestRecord,
  ReviewRecord,
  ServiceRecord,
  SlaRecord,
} from '../../src/contracts/records.js';

export interface RecordCounts {
  incident: number;
  change: number;
  sla: number;
  ci: number;
  service: number;
  agreement: number;
  problem: number;
  request: number;
  release: number;
  ci_relation: number;
  knowledge: number;
  review: number;
}

/** The volumes, plus small realistic counts of the other kinds. */
export const FULL_COUNTS: RecordCounts = {
  incident: 1_000_000,
  change: 100_000,
  sla: 100_000,
  ci: 200_000,
  service: 300,
  agreement: 600,
  problem: 5_000,
  request: 20_000,
  release: 1_000,
  ci_relation: 150_000,
  knowledge: 2_000,
  review: 400,
};

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RecordGenerator {
  private readonly r: () => number;
  constructor(
    readonly now: number,
    readonly counts: RecordCounts,
    seed = 42,
  ) {
    this.r = rng(seed);
  }

  private chance(p: number): boolean {
    return this.r() < p;
  }
  private int(n: number): number {
    return Math.floor(this.r() * n);
  }
  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
  /** Picks by weight: [[value, weight], ...]. */
  private weighted<T>(list: readonly (readonly [T, number])[]): T {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let x = this.r() * total;
    for (const [v, w] of list) if ((x -= w) < 0) return v;
    return list[list.length - 1]![0];
  }
  private iso(ms: number): string {
    return new Date(Math.min(ms, this.now)).toISOString();
  }
  private envelope(prefix: string, keyPrefix: string, i: number, createdAt: number, updatedAt: number) {
    const id = `${prefix}${i.toString(36)}`;
    return {
      source: 'snow-prod',
      id,
      key: `${keyPrefix}${String(i).padStart(7, '0')}`,
      url: `https://example.service-now.com/nav_to.do?uri=${prefix}${id}`,
      createdAt: this.iso(createdAt),
      updatedAt: this.iso(updatedAt),
      stateRaw: null,
    };
  }

  private readonly groups = Array.from({ length: 60 }, (_, i) => `grp-${i}`);
  private readonly users = Array.from({ length: 2_000 }, (_, i) => `usr-${i}`);
  private readonly categories = [
    'software',
    'hardware',
    'network',
    'database',
    'inquiry',
    'security',
    'capacity',
    'Performance',
  ];
  private readonly titles = [
    'Mail is slow',
    'Cannot log in to VPN',
    'Printer offline on floor 3',
    'Payroll batch failed',
    'Disk almost full on db server',
    'Website returns 502',
    'Password reset',
    'Laptop does not boot',
    'Teams calls drop',
    'Report takes minutes to load',
  ];
  private serviceId(): string {
    return `svc-${this.int(this.counts.service).toString(36)}`;
  }
  private ciId(): string {
    // 0.5% point at a CI the CMDB does not hold.
    return this.chance(0.005) ? `ci-gone-${this.int(1000)}` : `ci-${this.int(this.counts.ci).toString(36)}`;
  }
  /** Free text that is sometimes missing or blank. */
  private text(value: string, missing: number): string | null {
    if (!this.chance(missing)) return value;
    return this.chance(0.5) ? null : '';
  }
  private work(createdAt: number) {
    const impact = this.chance(0.01) ? null : 1 + this.int(3);
    const urgency = this.chance(0.01) ? null : 1 + this.int(3);
    const matrix = impact !== null && urgency !== null ? Math.min(5, impact + urgency - 1) : 4;
    return {
      priority: this.chance(0.03) ? 1 + this.int(5) : matrix,
      impact,
      urgency,
      category: this.chance(0.02) ? null : this.pick(this.categories),
      subcategory: null,
      assignmentGroup: this.chance(0.01) ? null : this.pick(this.groups),
      assignedTo: this.chance(0.1) ? null : this.pick(this.users),
      ciId: this.chance(0.6) ? this.ciId() : null,
      serviceId: this.chance(0.9) ? this.serviceId() : null,
      active: null as boolean | null,
      title: `${this.pick(this.titles)} (${createdAt % 997})`,
    };
  }

  incident(i: number): IncidentRecord {
    const n = this.counts.incident;
    // Index 0 is the newest: incidents spread evenly over the last year.
    const createdAt = this.now - (i / n) * 365 * DAY - this.int(DAY);
    const ageDays = (this.now - createdAt) / DAY;
    const open = ageDays < 45 ? this.chance(0.08 * (1 - ageDays / 45) + 0.01) : this.chance(0.002);
    const state: IncidentRecord['state'] = open
      ? this.weighted([
          ['new', 2],
          ['in_progress', 5],
          ['on_hold', 2],
        ] as const)
      : this.weighted([
          ['closed', 75],
          ['resolved', 20],
          ['canceled', 4],
          ['other', 1],
        ] as const);
    const done = state === 'closed' || state === 'resolved';
    const resolvedAt = done ? createdAt + (0.2 + this.r() * this.r() * 96) * HOUR : null;
    const closedAt = state === 'closed' && resolvedAt !== null ? resolvedAt + 3 * DAY : null;
    const updatedAt = closedAt ?? resolvedAt ?? createdAt + this.r() * (this.now - createdAt);
    return {
      kind: 'incident',
      ...this.envelope('inc-', 'INC', i, createdAt, updatedAt),
      ...this.work(createdAt),
      active: open,
      state,
      resolvedAt: resolvedAt === null || this.chance(0.01) ? null : this.iso(resolvedAt),
      closedAt: closedAt === null ? null : this.iso(closedAt),
      closeCode: done
        ? this.chance(0.02)
          ? null
          : this.pick(['fixed', 'workaround', 'no_fault', 'user_error'])
        : null,
      closeNotes: done ? this.text('Restarted the service and confirmed with the user', 0.03) : null,
      problemId: this.chance(0.05) ? `prb-${this.int(this.counts.problem).toString(36)}` : null,
      causedByChangeId: this.chance(0.01) ? `chg-${this.int(this.counts.change).toString(36)}` : null,
      reopenCount: this.chance(0.05) ? null : this.chance(0.03) ? 1 + this.int(2) : 0,
      reassignmentCount: this.chance(0.05)
        ? null
        : this.weighted([
            [0, 50],
            [1, 30],
            [2, 12],
            [3, 5],
            [5, 3],
          ] as const),
      major: this.chance(0.002),
      security: this.chance(0.01),
    };
  }

  change(i: number): ChangeRecord {
    const createdAt = this.now - (i / this.counts.change) * 365 * DAY - this.int(DAY);
    const type = this.weighted([
      ['normal', 55],
      ['standard', 35],
      ['emergency', 7],
      ['other', 2],
      [null, 1],
    ] as const);
    const recent = this.now - createdAt < 20 * DAY;
    const state: ChangeRecord['state'] = recent
      ? this.weighted([
          ['new', 2],
          ['assess', 2],
          ['authorize', 2],
          ['scheduled', 3],
          ['implement', 2],
          ['review', 2],
          ['closed', 10],
          ['canceled', 1],
        ] as const)
      : this.weighted([
          ['closed', 92],
          ['canceled', 6],
          ['review', 1],
          ['implement', 1],
        ] as const);
    const approval =
      type === 'standard'
        ? 'not_requested'
        : this.weighted([
            ['approved', 95],
            ['requested', 3],
            ['rejected', 1],
            [null, 1],
          ] as const);
    const plannedStart = createdAt + (1 + this.int(10)) * DAY;
    const plannedEnd = plannedStart + (1 + this.int(8)) * HOUR;
    const started = ['implement', 'review', 'closed'].includes(state);
    const actualStart = started ? plannedStart + (this.r() - 0.1) * 60 * 60_000 : null;
    const actualEnd = started && state !== 'implement' ? plannedEnd + (this.r() - 0.7) * 2 * HOUR : null;
    const plan = (t: string) => (this.chance(0.02) ? 'N/A' : this.text(t, 0.03));
    return {
      kind: 'change',
      ...this.envelope('chg-', 'CHG', i, createdAt, actualEnd ?? createdAt + DAY),
      ...this.work(createdAt),
      active: state !== 'closed' && state !== 'canceled',
      state,
      type,
      approval,
      risk: this.chance(0.04)
        ? null
        : this.weighted([
            ['low', 60],
            ['moderate', 30],
            ['high', 8],
            ['very_high', 2],
          ] as const),
      implementationPlan: plan('Deploy build 1.2.3 via pipeline'),
      backoutPlan: plan('Redeploy previous build'),
      testPlan: plan('Smoke tests and synthetic checks'),
      justification: this.text('Fixes a known error reported by users', 0.04),
      plannedStart: this.chance(0.02) ? null : this.iso(plannedStart),
      plannedEnd: this.chance(0.02) ? null : this.iso(plannedEnd),
      actualStart: actualStart === null ? null : this.iso(actualStart),
      actualEnd: actualEnd === null ? null : this.iso(actualEnd),
      closeCode:
        state === 'closed'
          ? this.weighted([
              ['successful', 88],
              ['successful_issues', 6],
              ['unsuccessful', 3],
              [null, 3],
            ] as const)
          : null,
      closeNotes: state === 'closed' ? this.text('Implemented as planned, verified by owner', 0.05) : null,
      closedAt: state === 'closed' && actualEnd !== null ? this.iso(actualEnd + HOUR) : null,
      outsideMaintenanceSchedule: this.chance(0.2) ? null : this.chance(0.03),
    };
  }

  sla(i: number): SlaRecord {
    // SLAs measure the newest incidents (index i is the i-th newest); 2% of those have none.
    const task = this.chance(0.02) ? this.counts.incident + i : i;
    const startAt = this.now - (i / this.counts.incident) * 365 * DAY - this.int(DAY);
    const goalMs = this.pick([4, 8, 24, 72]) * HOUR;
    const elapsedMs = this.r() * goalMs * 1.3;
    const breached = elapsedMs > goalMs;
    const ended = this.chance(0.9);
    const stage: SlaRecord['stage'] = ended ? (breached ? 'breached' : 'achieved') : 'in_progress';
    return {
      kind: 'sla',
      ...this.envelope('sla-', 'SLA', i, startAt, startAt + elapsedMs),
      taskId: `inc-${task.toString(36)}`,
      taskKey: `INC${String(task).padStart(7, '0')}`,
      agreementId: this.chance(0.01) ? null : `agr-${this.int(this.counts.agreement).toString(36)}`,
      name: `P${1 + this.int(4)} resolution`,
      stage,
      breached,
      active: !ended,
      startAt: this.iso(startAt),
      endAt: ended ? this.iso(startAt + elapsedMs) : null,
      breachAt: this.iso(startAt + goalMs),
      goalMs,
      elapsedMs,
      pausedMs: this.chance(0.5) ? null : this.chance(0.02) ? 9 * DAY : this.int(3 * HOUR),
      elapsedPercent: (elapsedMs / goalMs) * 100,
      serviceId: this.serviceId(),
    };
  }

  ci(i: number): CiRecord {
    const createdAt = this.now - this.int(5 * 365) * DAY;
    return {
      kind: 'ci',
      ...this.envelope('ci-', 'CI', i, createdAt, createdAt + this.r() * (this.now - createdAt)),
      name: this.text(`host-${i}`, 0.01),
      className: this.chance(0.01)
        ? null
        : this.pick(['server', 'database', 'application', 'router', 'laptop']),
      description: this.text('Production host in data centre A', 0.1),
      ownerId: this.chance(0.15) ? null : this.pick(this.users),
      managedBy: this.chance(0.3) ? null : this.pick(this.groups),
      supportGroup: this.chance(0.05) ? null : this.pick(this.groups),
      operationalStatus: this.weighted([
        ['operational', 85],
        ['non_operational', 4],
        ['repair', 1],
        ['retired', 8],
        [null, 2],
      ] as const),
      installStatus: this.chance(0.03) ? null : 'installed',
      lastDiscoveredAt: this.chance(0.1) ? null : this.iso(this.now - this.r() * this.r() * 60 * DAY),
    };
  }

  service(i: number): ServiceRecord {
    const createdAt = this.now - this.int(1000) * DAY;
    return {
      kind: 'service',
      ...this.envelope('svc-', 'SVC', i, createdAt, this.now - this.int(500) * DAY),
      name: `Service ${i}`,
      description: this.text('Business service', 0.05),
      ownerId: this.chance(0.05) ? null : this.pick(this.users),
      supportGroup: this.chance(0.05) ? null : this.pick(this.groups),
      operationalStatus: this.weighted([
        ['operational', 90],
        ['retired', 7],
        ['non_operational', 3],
      ] as const),
      criticality: this.chance(0.05) ? null : this.pick(['1 - most critical', 'high', 'medium', 'low']),
    };
  }

  agreement(i: number): AgreementRecord {
    const createdAt = this.now - this.int(1000) * DAY;
    return {
      kind: 'agreement',
      ...this.envelope('agr-', 'AGR', i, createdAt, createdAt + DAY),
      name: this.text(`Agreement ${i}`, 0.02),
      type: this.weighted([
        ['sla', 70],
        ['ola', 20],
        ['underpinning_contract', 10],
      ] as const),
      target: this.chance(0.03) ? null : this.pick(['response', 'resolution'] as const),
      appliesTo: 'incident',
      goalMs: this.chance(0.03) ? null : this.pick([4, 8, 24]) * HOUR,
      active: this.chance(0.9),
      serviceId:
        i < this.counts.service ? `svc-${i.toString(36)}` : this.chance(0.05) ? null : this.serviceId(),
    };
  }

  problem(i: number): ProblemRecord {
    const createdAt = this.now - this.r() * 365 * DAY;
    const state = this.weighted([
      ['new', 5],
      ['assess', 5],
      ['root_cause_analysis', 10],
      ['fix_in_progress', 5],
      ['resolved', 15],
      ['closed', 55],
      ['canceled', 5],
    ] as const);
    const done = state === 'resolved' || state === 'closed';
    return {
      kind: 'problem',
      ...this.envelope('prb-', 'PRB', i, createdAt, createdAt + this.r() * (this.now - createdAt)),
      ...this.work(createdAt),
      state,
      knownError: this.chance(0.3),
      workaround: this.text('Restart the queue manager', 0.2),
      causeNotes: this.text('Memory leak in connector', 0.3),
      fixNotes: done ? 'Patched' : null,
      changeId: this.chance(0.5) ? `chg-${this.int(this.counts.change).toString(36)}` : null,
      resolutionCode: done
        ? this.chance(0.05)
          ? null
          : this.pick(['fix_applied', 'workaround_only'])
        : null,
      resolvedAt: done ? this.iso(createdAt + this.r() * 30 * DAY) : null,
      closedAt: state === 'closed' ? this.iso(createdAt + 31 * DAY) : null,
    };
  }

  request(i: number): RequestRecord {
    const createdAt = this.now - (i / this.counts.request) * 180 * DAY;
    const open = this.now - createdAt < 20 * DAY && this.chance(0.3);
    const state = open
      ? this.pick(['new', 'in_progress', 'on_hold'] as const)
      : this.weighted([
          ['closed', 80],
          ['fulfilled', 15],
          ['canceled', 5],
        ] as const);
    return {
      kind: 'request',
      ...this.envelope('req-', 'RITM', i, createdAt, createdAt + this.r() * (this.now - createdAt)),
      ...this.work(createdAt),
      state,
      approval: this.weighted([
        ['not_requested', 60],
        ['approved', 37],
        ['requested', 2],
        [null, 1],
      ] as const),
      catalogItem: this.chance(0.05) ? null : this.pick(['laptop', 'access', 'software', 'phone']),
      requestedFor: this.pick(this.users),
      stage: null,
      dueAt: this.chance(0.05) ? null : this.iso(createdAt + (3 + this.int(10)) * DAY),
      closedAt:
        state === 'closed' || state === 'fulfilled'
          ? this.chance(0.02)
            ? null
            : this.iso(createdAt + 4 * DAY)
          : null,
    };
  }

  release(i: number): ReleaseRecord {
    const createdAt = this.now - this.r() * 365 * DAY;
    const state = this.weighted([
      ['planned', 10],
      ['in_progress', 5],
      ['released', 30],
      ['closed', 50],
      ['canceled', 5],
    ] as const);
    const plannedEnd = createdAt + 10 * DAY;
    return {
      kind: 'release',
      ...this.envelope('rel-', 'RLSE', i, createdAt, createdAt + DAY),
      ...this.work(createdAt),
      state,
      version: this.text(`2.${i}.0`, 0.03),
      changeId: this.chance(0.05) ? null : `chg-${this.int(this.counts.change).toString(36)}`,
      plannedStart: this.iso(createdAt + 5 * DAY),
      plannedEnd: this.iso(plannedEnd),
      releasedAt:
        state === 'released' || state === 'closed'
          ? this.chance(0.03)
            ? null
            : this.iso(plannedEnd + (this.r() - 0.8) * 5 * DAY)
          : null,
    };
  }

  ciRelation(i: number): CiRelationRecord {
    const createdAt = this.now - this.int(1000) * DAY;
    const child = i < this.counts.ci * 0.6 ? i : this.int(this.counts.ci);
    return {
      kind: 'ci_relation',
      ...this.envelope('rel-ci-', 'CIREL', i, createdAt, createdAt),
      parentId: this.chance(0.1) ? this.serviceId() : `ci-${this.int(this.counts.ci).toString(36)}`,
      childId: this.chance(0.005) ? `ci-gone-${i}` : `ci-${child.toString(36)}`,
      type: this.pick(['Depends on::Used by', 'Runs on::Runs', 'Contains::Contained by']),
    };
  }

  knowledge(i: number): KnowledgeRecord {
    const createdAt = this.now - this.int(1000) * DAY;
    return {
      kind: 'knowledge',
      ...this.envelope('kb-', 'KB', i, createdAt, createdAt + this.r() * (this.now - createdAt)),
      title: this.pick([
        'Information security policy',
        'Continuity plan for payroll',
        'Release management policy',
        'Capacity plan 2026',
        'How to reset a password',
        'VPN troubleshooting',
      ]),
      state: this.weighted([
        ['published', 80],
        ['draft', 10],
        ['retired', 10],
      ] as const),
      validTo: this.chance(0.3) ? null : this.iso(this.now + (this.r() - 0.2) * 365 * DAY),
      authorId: this.pick(this.users),
      ownerGroup: this.pick(this.groups),
      knowledgeBase: 'IT',
      category: this.pick(['Security', 'Policy', 'How-to', 'Troubleshooting']),
    };
  }

  review(i: number): ReviewRecord {
    const completed = this.chance(0.8);
    const createdAt = this.now - this.r() * 500 * DAY;
    return {
      kind: 'review',
      ...this.envelope('rev-', 'REV', i, createdAt, createdAt + 10 * DAY),
      reviewType: this.pick([
        'management_review',
        'internal_audit',
        'continuity_test',
        'capacity_review',
        'supplier_review',
        'service_report',
        'risk_assessment',
        'availability_review',
        'improvement',
      ] as const),
      title: `Review ${i}`,
      state: completed ? 'completed' : this.pick(['planned', 'in_progress', 'canceled'] as const),
      completedAt: completed ? (this.chance(0.02) ? null : this.iso(createdAt + 10 * DAY)) : null,
      dueAt: completed ? null : this.iso(createdAt + 60 * DAY),
      ownerId: this.chance(0.1) ? null : this.pick(this.users),
      serviceId: this.chance(0.3) ? `svc-${(i % this.counts.service).toString(36)}` : null,
    };
  }

  /** Every kind at the configured counts. */
  all(): Map<RecordKind, CanonicalRecord[]> {
    const c = this.counts;
    const make = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
    return new Map<RecordKind, CanonicalRecord[]>([
      ['incident', make(c.incident, (i) => this.incident(i))],
      ['change', make(c.change, (i) => this.change(i))],
      ['sla', make(c.sla, (i) => this.sla(i))],
      ['ci', make(c.ci, (i) => this.ci(i))],
      ['service', make(c.service, (i) => this.service(i))],
      ['agreement', make(c.agreement, (i) => this.agreement(i))],
      ['problem', make(c.problem, (i) => this.problem(i))],
      ['request', make(c.request, (i) => this.request(i))],
      ['release', make(c.release, (i) => this.release(i))],
      ['ci_relation', make(c.ci_relation, (i) => this.ciRelation(i))],
      ['knowledge', make(c.knowledge, (i) => this.knowledge(i))],
      ['review', make(c.review, (i) => this.review(i))],
    ]);
  }
}

/** Holds this process (every thread, including the garbage collector's) to CPU 0, if taskset exists. */
export async function pinToOneCore(): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  try {
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  } catch {
    // taskset missing: report what we got.
  }
  return /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 'unknown';
}
