// Incidents with realistic distributions and realistic gaps: no category or CI, a priority that does not
// follow the impact x urgency matrix, resolved without close notes, reopened, reassigned, stale backlog.
import { DAY, HOUR, notAfterNow, pickRef, pickUser, type GenContext, type RowGenerator } from './context.js';
import {
  CLOSE_NOTES,
  INCIDENT_CATEGORIES,
  INCIDENT_CLOSE_CODES,
  INCIDENT_SUBJECTS,
  SUBCATEGORIES,
} from './text.js';

/** The base platform's priority lookup: PRIORITY_MATRIX[impact][urgency]. */
export const PRIORITY_MATRIX: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '1': { '1': '1', '2': '2', '3': '3' },
  '2': { '1': '2', '2': '3', '3': '4' },
  '3': { '1': '3', '2': '4', '3': '5' },
};

export function priorityOf(impact: string, urgency: string): string {
  return PRIORITY_MATRIX[impact]?.[urgency] ?? '5';
}

/** Median hours to resolve, by priority. */
const MEDIAN_HOURS: Readonly<Record<string, number>> = { '1': 3, '2': 7, '3': 26, '4': 60, '5': 110 };

function stateFor(ctx: GenContext, age: number): string {
  const { rng } = ctx;
  if (age > 30 * DAY)
    return rng.weighted([
      ['7', 86],
      ['8', 4],
      ['6', 3],
      ['2', 4],
      ['3', 2],
      ['1', 1],
    ]);
  if (age > 5 * DAY)
    return rng.weighted([
      ['7', 45],
      ['6', 22],
      ['2', 17],
      ['3', 8],
      ['8', 3],
      ['1', 5],
    ]);
  return rng.weighted([
    ['1', 25],
    ['2', 35],
    ['3', 10],
    ['6', 25],
    ['8', 5],
  ]);
}

export const incidentRow: RowGenerator = (ctx, opened, store) => {
  const { rng, refs, now } = ctx;
  const impact = rng.weighted([
    ['1', 8],
    ['2', 27],
    ['3', 65],
  ]);
  const urgency = rng.weighted([
    ['1', 10],
    ['2', 30],
    ['3', 60],
  ]);
  let priority = priorityOf(impact, urgency);
  if (rng.chance(0.02)) priority = rng.pick(['1', '2', '3', '4', '5']); // overridden by hand
  const category = rng.chance(0.05) ? '' : rng.weighted(INCIDENT_CATEGORIES);
  const subject = rng.pick(INCIDENT_SUBJECTS[category === '' ? 'software' : category] ?? ['Issue']);
  let state = stateFor(ctx, now - opened);
  const caller = pickUser(ctx);
  const assignee = pickUser(ctx);
  const assigned = state !== '1' || rng.chance(0.4);
  let resolvedAt: number | '' = '';
  let closedAt: number | '' = '';
  if (state === '6' || state === '7') {
    const hours = rng.skewed(MEDIAN_HOURS[priority] ?? 24, 0.9);
    resolvedAt = Math.floor(opened + Math.max(300, hours * HOUR));
    if (resolvedAt > now) resolvedAt = Math.floor(opened + rng.next() * (now - opened));
    // Resolved incidents auto-close after three days; younger ones are still resolved.
    if (state === '7' && resolvedAt + 3 * DAY > now) state = '6';
    if (state === '7') closedAt = resolvedAt + 3 * DAY;
  } else if (state === '8') {
    closedAt = notAfterNow(ctx, opened + rng.int(600, 2 * DAY));
  }
  const done = resolvedAt !== '';
  const active = state === '1' || state === '2' || state === '3' || state === '6';
  const last = Math.max(
    opened,
    typeof resolvedAt === 'number' ? resolvedAt : 0,
    typeof closedAt === 'number' ? closedAt : 0,
  );
  const updated =
    active && !done
      ? notAfterNow(ctx, opened + rng.next() * (now - opened) * 0.5)
      : notAfterNow(ctx, last + rng.int(0, 3600));
  const major =
    priority === '1'
      ? rng.weighted([
          ['accepted', 35],
          ['proposed', 10],
          ['', 55],
        ])
      : rng.chance(0.002)
        ? 'proposed'
        : '';
  const monitored = rng.chance(0.03);
  return {
    sys_id: rng.sysId(),
    number: store.nextNumber(),
    short_description: subject,
    description: `${subject}. Reported by ${caller.name}.`,
    state,
    active: String(active),
    impact,
    urgency,
    priority,
    category,
    subcategory: category === '' ? '' : rng.pick(SUBCATEGORIES[category] ?? ['']),
    caller_id: caller.id,
    contact_type: monitored
      ? 'virtual_agent'
      : rng.weighted([
          ['phone', 30],
          ['email', 25],
          ['self-service', 30],
          ['chat', 10],
          ['walk-in', 5],
        ]),
    assignment_group: pickRef(ctx, refs.groups, 0.03),
    assigned_to: assigned ? (rng.chance(0.02) ? '' : assignee.id) : '',
    cmdb_ci: pickRef(ctx, refs.cis, 0.08),
    business_service: pickRef(ctx, refs.services, 0.1),
    opened_at: opened,
    opened_by: caller.id,
    resolved_at: resolvedAt,
    resolved_by: done ? assignee.id : '',
    closed_at: closedAt,
    closed_by: closedAt === '' ? '' : assignee.id,
    close_code: done && !rng.chance(0.01) ? rng.weighted(INCIDENT_CLOSE_CODES) : '',
    close_notes: done && !rng.chance(0.04) ? rng.pick(CLOSE_NOTES) : '',
    problem_id: pickRef(ctx, refs.problems, 0.94),
    caused_by: pickRef(ctx, refs.changes, 0.98),
    reopen_count: done
      ? rng.weighted([
          ['0', 94],
          ['1', 5],
          ['2', 1],
        ])
      : '0',
    reassignment_count: rng.weighted([
      ['0', 55],
      ['1', 25],
      ['2', 12],
      ['3', 5],
      ['4', 2],
      ['5', 1],
    ]),
    major_incident_state: major,
    correlation_id: monitored ? `EVT${String(rng.uint32()).padStart(10, '0')}` : '',
    correlation_display: monitored ? 'Event Management' : '',
    sys_class_name: 'incident',
    sys_created_on: opened,
    sys_created_by: caller.name,
    sys_updated_on: updated,
    sys_updated_by: assigned ? assignee.name : 'system',
    sys_mod_count: rng.int(1, 4) + (done ? rng.int(2, 8) : 0),
  };
};
