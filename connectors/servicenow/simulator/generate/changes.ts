// Change requests: normal, standard and emergency, with planned windows and actual work times. Gaps:
// implemented without approval, no backout or test plan, work outside the planned window, failed changes.
import { DAY, HOUR, notAfterNow, pickRef, pickUser, type RowGenerator } from './context.js';
import { CHANGE_SUBJECTS } from './text.js';

const IMPLEMENTED = new Set(['-1', '0', '3']);

export const changeRow: RowGenerator = (ctx, opened, store) => {
  const { rng, refs, now } = ctx;
  const type = rng.weighted([
    ['normal', 70],
    ['standard', 22],
    ['emergency', 8],
  ]);
  const lead = type === 'emergency' ? rng.int(1, 6) * HOUR : rng.int(2, 14) * DAY;
  const start = opened + lead;
  const end = start + rng.int(1, 6) * HOUR;
  let state: string;
  if (end < now)
    state = rng.weighted([
      ['3', 82],
      ['4', 6],
      ['0', 6],
      ['-1', 3],
      ['-2', 3],
    ]);
  else
    state = rng.weighted([
      ['-5', 15],
      ['-4', 15],
      ['-3', 20],
      ['-2', 40],
      ['-1', 10],
    ]);
  const implemented = IMPLEMENTED.has(state);
  let approval: string;
  if (state === '-5' || state === '-4') approval = 'not requested';
  else if (state === '-3') approval = 'requested';
  else if (state === '4') approval = rng.chance(0.4) ? 'rejected' : 'not requested';
  else if (type === 'normal' && implemented && rng.chance(0.03))
    approval = 'not requested'; // gap
  else if (type === 'emergency' && rng.chance(0.1))
    approval = 'requested'; // approved after the fact, never recorded
  else approval = 'approved';
  const outside = implemented && rng.chance(0.05);
  const workStart = implemented
    ? notAfterNow(ctx, start + (outside ? rng.int(1, 3) * DAY : rng.int(-1800, 1800)))
    : '';
  const workEnd =
    implemented && state !== '-1' && typeof workStart === 'number'
      ? notAfterNow(ctx, workStart + (end - start) + rng.int(-1800, 3600))
      : '';
  const closed = state === '3' || state === '4';
  const closedAt =
    state === '3' && typeof workEnd === 'number'
      ? notAfterNow(ctx, workEnd + rng.int(1, 3) * DAY)
      : state === '4'
        ? notAfterNow(ctx, opened + rng.int(1, 10) * DAY)
        : '';
  const closeCode =
    state === '3'
      ? rng.weighted([
          ['successful', 88],
          ['successful_issues', 7],
          ['unsuccessful', 5],
        ])
      : '';
  const planned = type !== 'standard';
  const subject = type === 'emergency' ? 'Apply emergency security patch' : rng.pick(CHANGE_SUBJECTS);
  const risk =
    type === 'standard'
      ? '4'
      : type === 'emergency'
        ? rng.weighted([
            ['1', 20],
            ['2', 50],
            ['3', 30],
          ])
        : rng.weighted([
            ['2', 15],
            ['3', 50],
            ['4', 35],
          ]);
  const requester = pickUser(ctx);
  const assignee = pickUser(ctx);
  const last = Math.max(
    opened,
    typeof closedAt === 'number' ? closedAt : 0,
    typeof workEnd === 'number' ? workEnd : 0,
  );
  return {
    sys_id: rng.sysId(),
    number: store.nextNumber(),
    short_description: subject,
    description: `${subject}. Requested by ${requester.name}.`,
    type,
    chg_model: type === 'normal' ? 'Normal' : type === 'standard' ? 'Standard' : 'Emergency',
    state,
    active: String(!closed),
    approval,
    risk,
    impact: rng.weighted([
      ['1', 10],
      ['2', 40],
      ['3', 50],
    ]),
    urgency: rng.weighted([
      ['1', 10],
      ['2', 40],
      ['3', 50],
    ]),
    priority:
      type === 'emergency'
        ? rng.weighted([
            ['1', 40],
            ['2', 60],
          ])
        : rng.weighted([
            ['2', 15],
            ['3', 45],
            ['4', 40],
          ]),
    category: rng.pick(['Hardware', 'Software', 'Network', 'Database', 'Other']),
    requested_by: requester.id,
    justification:
      type === 'emergency'
        ? rng.chance(0.95)
          ? 'Security exposure; cannot wait for the next CAB.'
          : ''
        : rng.chance(0.8)
          ? 'Keeps the service supported and secure.'
          : '',
    implementation_plan:
      planned && rng.chance(0.03) ? '' : 'Follow the runbook; verify monitoring after each step.',
    backout_plan: planned && rng.chance(0.06) ? '' : 'Restore from the snapshot taken before the change.',
    test_plan: planned && rng.chance(0.1) ? '' : 'Smoke tests of the affected service; check error rates.',
    start_date: start,
    end_date: end,
    work_start: workStart,
    work_end: workEnd,
    close_code: closeCode,
    close_notes:
      closeCode === ''
        ? ''
        : closeCode === 'unsuccessful'
          ? 'Backed out after errors; see the related incident.'
          : 'Implemented as planned.',
    on_hold: 'false',
    on_hold_reason: '',
    outside_maintenance_schedule: String(outside),
    assignment_group: pickRef(ctx, refs.groups, 0.02),
    assigned_to: state === '-5' ? '' : assignee.id,
    cmdb_ci: pickRef(ctx, refs.cis, 0.05),
    business_service: pickRef(ctx, refs.services, 0.08),
    opened_at: opened,
    opened_by: requester.id,
    closed_at: closedAt,
    closed_by: closedAt === '' ? '' : assignee.id,
    correlation_id: '',
    correlation_display: '',
    sys_class_name: 'change_request',
    sys_created_on: opened,
    sys_created_by: requester.name,
    sys_updated_on: notAfterNow(ctx, last + rng.int(0, 3600)),
    sys_updated_by: assignee.name,
    sys_mod_count: rng.int(3, 25),
  };
};
