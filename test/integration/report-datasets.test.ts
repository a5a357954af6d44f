// The evidence pack's figures on real data: BPI Challenge 2014 (Rabobank incidents, changes,
// interactions) and BPI Challenge 2013 (Volvo closed and open problems) are imported with the shipped
// mapping files (config/imports) into one data directory by the code `iso20k import` runs; the pack is
// built by the code `iso20k report --format json` runs and read back through its zod schema; and each
// figure asserted here is computed a second time straight from the CSV text (test/helpers/datasets.ts:
// split on `;`, dates read by hand in Amsterdam time), never from the importer or the cache.
//
// The committed samples (test/fixtures/datasets) always run; the full files run when
// ../shared/datasets is present. Each run fixes the clock, so the age-based controls are deterministic:
//   full files: now 2014-04-01T00:00Z (the day after the Rabobank export ends), and the period report
//     for Q1 2014, which ends before now, so it is judged as of the period's last moment;
//   samples: now 2013-09-01T00:00Z (inside the samples' busiest months, so the windows hold records),
//     and the period report for H2 2013, which ends after now, so it is judged as of now.
//
// Controls whose figures the CSV cannot decide, or only trivially, are left out: e.g. SR2 (the export
// has no assignment group column), the CMDB relations (no CI records are imported), SD3 (no incident
// says which change caused it). Aggregates that pass show no figure but their status, so for them the
// CSV decides the status, the skip reason (with its count) or the failure's text.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, type EvidenceReport, type Period } from '../../src/report/index.js';
import type { ReportControl } from '../../src/report/report-schema.js';
import {
  FULL_FILES,
  SAMPLE_FILES,
  changeTime,
  cell,
  hasFullDataSets,
  importDataSets,
  incidentTime,
  isoTime,
  leadingInt,
  readTable,
  reportOf,
  type DataSetFiles,
  type Row,
} from '../helpers/datasets.js';

const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** A control's "age" in days as the engine measures it: from the record's date to the evaluation time. */
const age = (now: number, ms: number) => (now - ms) / DAY_MS;
const sorted = (ids: Iterable<string>) => [...ids].sort();

// ---------------------------------------------------------------------------------------------------
// The CSV, independently: one object per record as the shipped mapping files describe it.

interface Incident {
  id: string;
  status: string;
  impact: number | null;
  urgency: number | null;
  priority: number | null;
  ci: string | null;
  reassignments: number | null;
  reopened: boolean;
  openedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
}

/** Detail_Incident: one row per incident (bpic2014-incidents.yaml). */
function incidentsOf(file: string): Map<string, Incident> {
  const out = new Map<string, Incident>();
  for (const r of readTable(file)) {
    const id = cell(r, 'Incident ID')!;
    out.set(id, {
      id,
      status: cell(r, 'Status')!,
      impact: leadingInt(r, 'Impact'),
      urgency: leadingInt(r, 'Urgency'),
      priority: leadingInt(r, 'Priority'),
      ci: cell(r, 'CI Name (aff)'),
      reassignments: leadingInt(r, '# Reassignments'),
      reopened: cell(r, 'Reopen Time') !== null,
      openedAt: incidentTime(r, 'Open Time'),
      resolvedAt: incidentTime(r, 'Resolved Time'),
      closedAt: incidentTime(r, 'Close Time'),
    });
  }
  return out;
}

interface Change {
  id: string;
  emergency: boolean;
  openedAt: number;
  closedAt: number | null;
  plannedStart: number | null;
  plannedEnd: number | null;
  actualStart: number | null;
  actualEnd: number | null;
}

/**
 * Detail_Change: one row per change x affected CI, folded per Change ID as bpic2014-changes.yaml says
 * (`duplicates: latest`): the row with the newest Close Time (else Open Time) gives the change's fields,
 * a tie going to the later row; the opening time is the earliest Open Time of all its rows.
 */
function changesOf(file: string): Map<string, Change> {
  const out = new Map<string, Change>();
  for (const r of readTable(file)) {
    const id = cell(r, 'Change ID')!;
    const change: Change = {
      id,
      emergency: cell(r, 'Emergency Change') === 'Y',
      openedAt: changeTime(r, 'Change record Open Time')!,
      closedAt: changeTime(r, 'Change record Close Time'),
      plannedStart: changeTime(r, 'Planned Start'),
      plannedEnd: changeTime(r, 'Planned End'),
      actualStart: changeTime(r, 'Actual Start'),
      actualEnd: changeTime(r, 'Actual End'),
    };
    const known = out.get(id);
    if (known === undefined) {
      out.set(id, change);
      continue;
    }
    const newest = (c: Change) => c.closedAt ?? c.openedAt;
    const keep = newest(change) >= newest(known) ? change : known;
    out.set(id, { ...keep, openedAt: Math.min(change.openedAt, known.openedAt) });
  }
  return out;
}

interface Interaction {
  id: string;
  status: string;
  openedAt: number;
  closedAt: number | null;
}

/** Detail_Interaction: one row per interaction, imported as requests (bpic2014-interactions.yaml). */
function interactionsOf(file: string): Map<string, Interaction> {
  const out = new Map<string, Interaction>();
  for (const r of readTable(file)) {
    const id = cell(r, 'Interaction ID')!;
    out.set(id, {
      id,
      status: cell(r, 'Status')!,
      openedAt: changeTime(r, 'Open Time (First Touch)')!,
      closedAt: changeTime(r, 'Close Time'),
    });
  }
  return out;
}

interface Problem {
  id: string;
  /** The newest event's Problem Status and Problem Sub Status: the problem's current state. */
  status: string;
  subStatus: string;
  /** The first event (the problem's opening) and the newest one. */
  firstAt: number;
  latestAt: number;
}

/**
 * The two Volvo event logs, one problem per Problem Number (bpic2013-problems.yaml, `duplicates:
 * latest`): the newest event decides the state, a tie going to the later row, the open file's rows
 * coming after the closed file's (the import order); the first event is the opening.
 */
function problemsOf(closedFile: string, openFile: string): Map<string, Problem> {
  const out = new Map<string, Problem>();
  const rows: Row[] = [...readTable(closedFile), ...readTable(openFile)];
  for (const r of rows) {
    const id = cell(r, 'Problem Number')!;
    const at = isoTime(r, 'Problem Change Date+Time');
    const known = out.get(id);
    const event = { status: cell(r, 'Problem Status')!, subStatus: cell(r, 'Problem Sub Status')! };
    if (known === undefined) out.set(id, { id, ...event, firstAt: at, latestAt: at });
    else
      out.set(id, {
        ...(at >= known.latestAt ? { ...known, ...event, latestAt: at } : known),
        firstAt: Math.min(known.firstAt, at),
      });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Reading the report.

function controlOf(report: EvidenceReport, id: string): ReportControl {
  const control = report.controls.find((c) => c.id === id);
  if (control === undefined) throw new Error(`the report has no control ${id}`);
  return control;
}

/** A record control's figures and failing records, against the ids the CSV puts in scope and failing. */
function expectRecordControl(
  report: EvidenceReport,
  id: string,
  expected: { judged: readonly string[]; failing: readonly string[] },
): void {
  const c = controlOf(report, id);
  const judged = expected.judged.length;
  const failed = expected.failing.length;
  expect({
    unit: c.unit,
    judged: c.judged,
    passed: c.passed,
    failed: c.failed,
    waived: c.waived,
    errors: c.errors,
    status: c.status,
    failing: c.failures.map((f) => f.subject),
  }).toEqual({
    unit: 'records',
    judged,
    passed: judged - failed,
    failed,
    waived: 0,
    errors: 0,
    status: failed > 0 ? 'alarm' : judged > 0 ? 'ok' : 'skip',
    failing: sorted(expected.failing),
  });
}

/**
 * An aggregate control without group_by, from the CSV's in-scope count and measure: skipped when
 * nothing or fewer than min_count records are in scope (the skip reason states the count), else one
 * group judged against the threshold.
 */
function expectSingleGroup(
  report: EvidenceReport,
  id: string,
  expected: { kind: string; count: number; minCount: number; ok: boolean; reason: string },
): void {
  const c = controlOf(report, id);
  const skip =
    expected.count === 0
      ? `no ${expected.kind} record is in scope`
      : expected.count < expected.minCount
        ? `only ${expected.count} in-scope records, fewer than min_count ${expected.minCount}`
        : undefined;
  const judged = skip === undefined ? 1 : 0;
  const failed = skip === undefined && !expected.ok ? 1 : 0;
  expect({
    unit: c.unit,
    judged: c.judged,
    failed: c.failed,
    status: c.status,
    skipReasons: c.skipReasons,
    reasons: c.failures.map((f) => f.reason),
  }).toEqual({
    unit: 'groups',
    judged,
    failed,
    status: skip !== undefined ? 'skip' : failed > 0 ? 'alarm' : 'ok',
    skipReasons: skip === undefined ? [] : [skip],
    reasons: failed > 0 ? [expected.reason] : [],
  });
}

/** The overlap rule of --period (src/report/period.ts, docs/report.md) on a record's own dates. */
function overlaps(period: Period, openedAt: number, closedAt: number | null): boolean {
  if (period.to !== undefined && openedAt > period.to) return false;
  return !(period.from !== undefined && closedAt !== null && closedAt < period.from);
}

// ---------------------------------------------------------------------------------------------------

interface RunOptions {
  now: string;
  period: string;
  /** The record counts SOURCE.md states for the full files. */
  known?: { incident: number; change: number; request: number; problem: number };
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function reportSuite(files: DataSetFiles, options: RunOptions): void {
  const now = Date.parse(options.now);
  const period = parsePeriod(options.period);
  let incidents: Incident[];
  let changes: Change[];
  let interactions: Interaction[];
  let problems: Problem[];
  let report: EvidenceReport;
  let inPeriod: EvidenceReport;
  let html: string;

  beforeAll(async () => {
    incidents = [...incidentsOf(files.incidents).values()];
    changes = [...changesOf(files.changes).values()];
    interactions = [...interactionsOf(files.interactions).values()];
    problems = [...problemsOf(files.closedProblems, files.openProblems).values()];
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'iso20k-report-ds-'));
    dirs.push(dataDir);
    for (const run of await importDataSets(dataDir, files)) expect(run.exitCode).toBe(0);
    ({ report, html } = await reportOf(dataDir, { now: new Date(now) }));
    ({ report: inPeriod } = await reportOf(dataDir, { now: new Date(now), period }));
  }, 180_000);

  it('counts every record of the four files, per kind and per source, and judges as of now', () => {
    // generation.recordsByKind and period.recordsIncluded, no --period: one record per Incident ID,
    // Change ID, Interaction ID and Problem Number (the two problem files share 465 problems).
    const byKind = {
      incident: incidents.length,
      request: interactions.length,
      problem: problems.length,
      change: changes.length,
    };
    if (options.known !== undefined) expect(byKind).toEqual(options.known);
    const total = byKind.incident + byKind.request + byKind.problem + byKind.change;
    expect(report.generation.recordsByKind).toEqual(byKind);
    expect(report.generation.recordsTotal).toBe(total);
    expect(report.period).toMatchObject({ requested: null, recordsIncluded: total, recordsExcluded: 0 });
    expect(report.summary.noRecords).toBe(false);
    // generation.sources: the mapping files' `source:`.
    expect(report.generation.sources.map((s) => [s.source, s.records])).toEqual([
      ['bpic2013', { problem: byKind.problem }],
      ['bpic2014', { incident: byKind.incident, request: byKind.request, change: byKind.change }],
    ]);
    // sample.kinds[].population: the auditor's sample is drawn from every record of the kind.
    expect(Object.fromEntries(report.sample.kinds.map((k) => [k.kind, k.population]))).toEqual(byKind);
    expect(report.generation.evaluatedAt).toBe(new Date(now).toISOString());
  });

  it("states the earliest and latest of the records' own opening and closing dates", () => {
    // period.earliestRecordDate / latestRecordDate: over the work records, each one's opening date and
    // its closing date, by kind (src/report/record-dates.ts, docs/report.md): incident Open Time and
    // Resolved Time, else Close Time; change earliest Open Time and Close Time, else Actual End;
    // request (interaction) Open Time and Close Time; problem its first event. The problem mapping
    // gives no closing date (see the period test below), but problem events end in 2012 and the
    // Rabobank records run to 2014, so that cannot move the latest date.
    const dates: number[] = [];
    const add = (...values: (number | null)[]) => {
      for (const v of values) if (v !== null) dates.push(v);
    };
    for (const i of incidents) add(i.openedAt, i.resolvedAt ?? i.closedAt);
    for (const c of changes) add(c.openedAt, c.closedAt ?? c.actualEnd);
    for (const r of interactions) add(r.openedAt, r.closedAt);
    for (const p of problems) add(p.firstAt);
    const earliest = dates.reduce((a, b) => Math.min(a, b));
    const latest = dates.reduce((a, b) => Math.max(a, b));
    expect(Math.max(...problems.map((p) => p.latestAt))).toBeLessThan(latest);
    expect([report.period.earliestRecordDate, report.period.latestRecordDate]).toEqual([
      iso(earliest),
      iso(latest),
    ]);
  });

  it('CH5: changes started before their planned start, or ended after their planned end', () => {
    // CH5-started-in-window: scope actualStart and plannedStart present (both cells filled on the
    // change's kept row); fails when plannedStart - actualStart > 15 minutes (UTC instants, so a
    // window across a DST switch is measured in real minutes).
    const started = changes.filter((c) => c.actualStart !== null && c.plannedStart !== null);
    expectRecordControl(report, 'CH5-started-in-window', {
      judged: started.map((c) => c.id),
      failing: started.filter((c) => (c.plannedStart! - c.actualStart!) / 60_000 > 15).map((c) => c.id),
    });
    // CH5-ended-in-window: scope actualEnd and plannedEnd present; fails when actualEnd - plannedEnd > 30 min.
    const ended = changes.filter((c) => c.actualEnd !== null && c.plannedEnd !== null);
    expectRecordControl(report, 'CH5-ended-in-window', {
      judged: ended.map((c) => c.id),
      failing: ended.filter((c) => (c.actualEnd! - c.plannedEnd!) / 60_000 > 30).map((c) => c.id),
    });
  });

  it('CH9 and CH4: closed changes, without planned dates, without a recorded outcome', () => {
    // The change mapping's state is `closed` when Change record Close Time is filled, else `other`;
    // type is emergency (Y) or normal (N), never standard.
    const closed = changes.filter((c) => c.closedAt !== null);
    // CH9-planned-dates: scope state in scheduled/implement/review/closed, type not standard = the
    // closed changes; fails when Planned Start or Planned End is empty.
    expectRecordControl(report, 'CH9-planned-dates', {
      judged: closed.map((c) => c.id),
      failing: closed.filter((c) => c.plannedStart === null || c.plannedEnd === null).map((c) => c.id),
    });
    // CH4-closure-recorded: scope state closed; asserts closeCode and closeNotes. The export has no
    // outcome or notes column (SOURCE.md lists all 21), so every closed change fails.
    expectRecordControl(report, 'CH4-closure-recorded', {
      judged: closed.map((c) => c.id),
      failing: closed.map((c) => c.id),
    });
  });

  it('CH6: the share of emergency changes raised in the last 30 days', () => {
    // CH6-emergency-ratio: scope state not canceled (every change); window: createdAt (the earliest
    // Open Time of the change's rows) at most 30 days before now; ratio of type emergency (Emergency
    // Change = Y on the kept row); passes at most 0.1; min_count 10.
    const recent = changes.filter((c) => age(now, c.openedAt) <= 30);
    const share = recent.filter((c) => c.emergency).length / recent.length;
    expectSingleGroup(report, 'CH6-emergency-ratio', {
      kind: 'change',
      count: recent.length,
      minCount: 10,
      ok: share <= 0.1,
      reason: `${(share * 100).toFixed(1)}% of ${recent.length} changes raised in the last 30 days were emergencies (target share at most 0.1)`,
    });
  });

  it('IN2: incidents whose priority is not the one the 3x3 matrix gives', () => {
    // IN2-priority-matrix: scope state not canceled (Closed and Work in progress only), Impact and
    // Urgency in 1..3; fails unless Priority = Impact + Urgency - 1 (the matrix's nine rows).
    const inScope = incidents.filter(
      (i) => [1, 2, 3].includes(i.impact ?? 0) && [1, 2, 3].includes(i.urgency ?? 0),
    );
    expectRecordControl(report, 'IN2-priority-matrix', {
      judged: inScope.map((i) => i.id),
      failing: inScope.filter((i) => i.priority !== i.impact! + i.urgency! - 1).map((i) => i.id),
    });
  });

  it('IN9: incidents opened in the last 90 days that were reassigned more than 4 times', () => {
    // IN9-reassignment: scope # Reassignments filled and Open Time at most 90 days before now;
    // fails when # Reassignments > 4.
    const recent = incidents.filter(
      (i) => i.reassignments !== null && i.openedAt !== null && age(now, i.openedAt) <= 90,
    );
    expectRecordControl(report, 'IN9-reassignment', {
      judged: recent.map((i) => i.id),
      failing: recent.filter((i) => i.reassignments! > 4).map((i) => i.id),
    });
  });

  it('IN3: closed incidents, and those of them with no resolved time', () => {
    // IN3-resolution-recorded: scope state resolved or closed = Status "Closed"; asserts closeCode,
    // closeNotes and resolvedAt. The export has no resolution notes column, so every one fails.
    const closed = incidents.filter((i) => i.status === 'Closed');
    expectRecordControl(report, 'IN3-resolution-recorded', {
      judged: closed.map((i) => i.id),
      failing: closed.map((i) => i.id),
    });
    // Each failure cites the record's closing date: resolvedAt, else closedAt (Close Time). The closed
    // incidents with an empty Resolved Time are the ones the report dates by closedAt, or not at all.
    const unresolved = closed.filter((i) => i.resolvedAt === null);
    const cited = controlOf(report, 'IN3-resolution-recorded')
      .failures.filter((f) => f.record?.closedField !== 'resolvedAt')
      .map((f) => [f.subject, f.record?.closedField, f.record?.closedAt]);
    expect(cited).toEqual(
      unresolved
        .map((i) => [i.id, i.closedAt === null ? null : 'closedAt', iso(i.closedAt)])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
  });

  it('IN4: the share of incidents resolved in the last 90 days that were reopened', () => {
    // IN4-reopen-rate: scope state resolved or closed (Status "Closed") and reopenCount present (the
    // mapping sets it for every row: 1 when Reopen Time is filled, else 0); window: resolvedAt
    // (Resolved Time) at most 90 days before now, so closed incidents with no Resolved Time are left
    // out; ratio of reopenCount > 0; passes at most 0.05; min_count 20.
    const resolved = incidents.filter(
      (i) => i.status === 'Closed' && i.resolvedAt !== null && age(now, i.resolvedAt) <= 90,
    );
    const share = resolved.filter((i) => i.reopened).length / resolved.length;
    expectSingleGroup(report, 'IN4-reopen-rate', {
      kind: 'incident',
      count: resolved.length,
      minCount: 20,
      ok: share <= 0.05,
      reason: `${(share * 100).toFixed(1)}% of ${resolved.length} incidents resolved in the last 90 days were reopened (target share at most 0.05)`,
    });
  });

  it('IN6: CIs with more than 2 incidents in the last 30 days and no problem record', () => {
    // IN6-recurring-on-ci: scope CI Name (aff) filled, no problemId (the export links no problems),
    // state not canceled; window: Open Time at most 30 days before now; grouped by CI; a CI fails with
    // more than 2 incidents, and the failure states its count.
    const perCi = new Map<string, number>();
    for (const i of incidents) {
      if (i.ci === null || i.openedAt === null || age(now, i.openedAt) > 30) continue;
      perCi.set(i.ci, (perCi.get(i.ci) ?? 0) + 1);
    }
    const failing = [...perCi].filter(([, n]) => n > 2).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const c = controlOf(report, 'IN6-recurring-on-ci');
    expect({ unit: c.unit, judged: c.judged, failed: c.failed, passed: c.passed }).toEqual({
      unit: 'groups',
      judged: perCi.size,
      failed: failing.length,
      passed: perCi.size - failing.length,
    });
    expect(c.failures.map((f) => [f.subject, f.reason])).toEqual(
      failing.map(([ci, n]) => [
        ci,
        `CI ${ci} had ${n} incidents in the last 30 days with no problem record`,
      ]),
    );
  });

  it('PR9, PR4 and PR8: problems still open, how old they are, and closed ones', () => {
    // The problem mapping's state comes from the newest event's Problem Sub Status: Awaiting
    // Assignment -> new, Assigned -> assess, In Progress -> root_cause_analysis, Closed -> closed.
    const open = problems.filter((p) =>
      ['Awaiting Assignment', 'Assigned', 'In Progress'].includes(p.subStatus),
    );
    // PR9-ageing-backlog: scope state new/assess/root_cause_analysis/fix_in_progress; ratio of those
    // first seen more than 180 days before now; passes at most 0.25; min_count 5.
    const old = open.filter((p) => age(now, p.firstAt) > 180).length;
    const share = old / open.length;
    expectSingleGroup(report, 'PR9-ageing-backlog', {
      kind: 'problem',
      count: open.length,
      minCount: 5,
      ok: share <= 0.25,
      reason: `${(share * 100).toFixed(1)}% of ${open.length} open problems are older than 180 days (limit 0.25)`,
    });
    // PR4-rca-stalled: scope state new/assess/root_cause_analysis and opened more than 30 days ago;
    // asserts causeNotes, which the Volvo logs do not have: every one fails.
    const stalled = open.filter((p) => age(now, p.firstAt) > 30).map((p) => p.id);
    expectRecordControl(report, 'PR4-rca-stalled', { judged: stalled, failing: stalled });
    // PR8-resolution-recorded: scope state resolved or closed = newest sub status "Closed"; asserts a
    // resolution code (the logs have none) and resolvedAt: every one fails.
    const closed = problems.filter((p) => p.subStatus === 'Closed').map((p) => p.id);
    expectRecordControl(report, 'PR8-resolution-recorded', { judged: closed, failing: closed });
  });

  it('SR4 and SR6: closed interactions with a close time, open ones idle for more than 21 days', () => {
    // SR4-closure-recorded: scope state fulfilled or closed = Status "Closed"; fails without Close Time.
    const closed = interactions.filter((r) => r.status === 'Closed');
    expectRecordControl(report, 'SR4-closure-recorded', {
      judged: closed.map((r) => r.id),
      failing: closed.filter((r) => r.closedAt === null).map((r) => r.id),
    });
    // SR6-stalled: scope state new/in_progress/on_hold = Status "Open - Linked"; fails when updatedAt
    // (Close Time, else Open Time) is more than 21 days before now.
    const open = interactions.filter((r) => r.status === 'Open - Linked');
    expectRecordControl(report, 'SR6-stalled', {
      judged: open.map((r) => r.id),
      failing: open.filter((r) => age(now, r.closedAt ?? r.openedAt) > 21).map((r) => r.id),
    });
  });

  it('--period: incidents, changes and requests whose life overlaps the period', () => {
    // generation.recordsByKind with --period: a record counts when opened on or before the period's
    // end and not closed before its start; closing date: incident Resolved Time, else Close Time;
    // change Close Time, else Actual End; request Close Time. A period ending before now is judged as
    // of its last moment, else as of now.
    const counts = {
      incident: incidents.filter((i) => overlaps(period, i.openedAt!, i.resolvedAt ?? i.closedAt)).length,
      request: interactions.filter((r) => overlaps(period, r.openedAt, r.closedAt)).length,
      change: changes.filter((c) => overlaps(period, c.openedAt, c.closedAt ?? c.actualEnd)).length,
    };
    expect(inPeriod.generation.recordsByKind).toMatchObject(counts);
    expect(inPeriod.period.requested).toEqual({ from: iso(period.from!), to: iso(period.to!) });
    expect(inPeriod.generation.evaluatedAt).toBe(new Date(Math.min(period.to!, now)).toISOString());
    const all = report.generation.recordsTotal;
    expect(inPeriod.period.recordsIncluded + inPeriod.period.recordsExcluded).toBe(all);
  });

  // The Volvo problem mapping takes closedAt from the newest event's time when its Problem Status is
  // "Completed" (a `when` condition), so problems completed in 2006-2012 are not covered by a later
  // period. From the CSV, a problem is closed at its newest event when that event's status is Completed.
  it('--period: problems completed before the period are not covered', () => {
    const covered = problems.filter((p) =>
      overlaps(period, p.firstAt, p.status === 'Completed' ? p.latestAt : null),
    ).length;
    expect(inPeriod.generation.recordsByKind.problem ?? 0).toBe(covered);
  });

  it('renders the same figures in the HTML pack', () => {
    // `--format html` reads the same model: the records line, and every control's row (judged, passed,
    // failed) under its clauses, as an auditor sees them.
    const g = report.generation;
    const n = (x: number) => x.toLocaleString('en-US');
    const kinds = Object.entries(g.recordsByKind).map(([kind, k]) => `${kind} ${n(k)}`);
    expect(html.includes(`<dd>${n(g.recordsTotal)} in the report: ${kinds.join(', ')}</dd>`)).toBe(true);
    const missing = report.controls
      .filter((c) => c.clauses.length > 0)
      .filter(
        (c) =>
          !new RegExp(
            `<tr><td>${c.id}</td><td>[^<]*</td><td>[^<]*</td><td class="num">${c.judged}</td><td class="num">${c.passed}</td><td class="num">${c.failed}</td>`,
          ).test(html),
      )
      .map((c) => c.id);
    expect(missing).toEqual([]);
  });
}

describe('evidence pack figures on the committed samples (test/fixtures/datasets)', () => {
  reportSuite(SAMPLE_FILES, { now: '2013-09-01T00:00:00.000Z', period: '2013-07-01..2013-12-31' });
});

// The full files: 46,606 incidents, 18,000 changes, 147,004 interactions (SOURCE.md); 1,487 closed and
// 819 open problems, of which 465 appear in both files, so 1,841 distinct problems.
describe.skipIf(!hasFullDataSets())(
  'evidence pack figures on the full data sets (../shared/datasets)',
  () => {
    reportSuite(FULL_FILES, {
      now: '2014-04-01T00:00:00.000Z',
      period: '2014-01-01..2014-03-31',
      known: { incident: 46_606, change: 18_000, request: 147_004, problem: 1_841 },
    });
  },
);
