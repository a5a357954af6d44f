// Problems: root cause analysis, known errors, workarounds, fixes through changes. Gaps: known errors
// without a workaround, resolved problems without cause notes, problems left in assessment for months.
import { DAY, notAfterNow, pickRef, pickUser, type RowGenerator } from './context.js';
import { priorityOf } from './incidents.js';
import { PROBLEM_SUBJECTS } from './text.js';

export const problemRow: RowGenerator = (ctx, opened, store) => {
  const { rng, refs, now } = ctx;
  const age = now - opened;
  const state =
    age > 60 * DAY
      ? rng.weighted([
          ['107', 60],
          ['106', 10],
          ['104', 8],
          ['103', 10],
          ['102', 7],
          ['101', 5],
        ])
      : rng.weighted([
          ['101', 20],
          ['102', 25],
          ['103', 30],
          ['104', 15],
          ['106', 10],
        ]);
  const stage = Number(state);
  const knownError = stage >= 103 && rng.chance(0.4);
  const impact = rng.weighted([
    ['1', 15],
    ['2', 45],
    ['3', 40],
  ]);
  const urgency = rng.weighted([
    ['1', 15],
    ['2', 45],
    ['3', 40],
  ]);
  const resolved = stage >= 106;
  const resolvedAt = resolved ? notAfterNow(ctx, opened + rng.skewed(20 * DAY, 0.7)) : '';
  const closedAt =
    state === '107' && typeof resolvedAt === 'number'
      ? notAfterNow(ctx, resolvedAt + rng.int(1, 14) * DAY)
      : '';
  const subject = rng.pick(PROBLEM_SUBJECTS);
  const owner = pickUser(ctx);
  const last = Math.max(
    opened,
    typeof closedAt === 'number' ? closedAt : 0,
    typeof resolvedAt === 'number' ? resolvedAt : 0,
  );
  return {
    sys_id: rng.sysId(),
    number: store.nextNumber(),
    short_description: subject,
    description: `${subject}: several related incidents.`,
    state,
    active: String(state !== '107'),
    impact,
    urgency,
    priority: priorityOf(impact, urgency),
    category: rng.pick(['software', 'hardware', 'network', 'database']),
    known_error: String(knownError),
    workaround: knownError
      ? rng.chance(0.85)
        ? 'Restart the affected component; see the linked KB article.'
        : ''
      : rng.chance(0.15)
        ? 'Retry the operation.'
        : '',
    cause_notes:
      stage >= 104 && rng.chance(0.92) ? 'Root cause identified: configuration drift after an upgrade.' : '',
    fix_notes: resolved && rng.chance(0.85) ? 'Fix deployed through the linked change.' : '',
    rfc: stage >= 104 ? pickRef(ctx, refs.changes, 0.6) : '',
    resolution_code: resolved
      ? rng.weighted([
          ['fix_applied', 70],
          ['risk_accepted', 15],
          ['duplicate', 8],
          ['canceled', 7],
        ])
      : '',
    resolved_at: resolvedAt,
    resolved_by: resolved ? owner.id : '',
    assignment_group: pickRef(ctx, refs.groups, 0.03),
    assigned_to: stage > 101 ? owner.id : '',
    cmdb_ci: pickRef(ctx, refs.cis, 0.1),
    business_service: pickRef(ctx, refs.services, 0.15),
    opened_at: opened,
    opened_by: owner.id,
    closed_at: closedAt,
    closed_by: closedAt === '' ? '' : owner.id,
    correlation_id: '',
    correlation_display: '',
    sys_class_name: 'problem',
    sys_created_on: opened,
    sys_created_by: owner.name,
    sys_updated_on: notAfterNow(ctx, last + rng.int(0, 7) * DAY),
    sys_updated_by: owner.name,
    sys_mod_count: rng.int(2, 30),
  };
};
