// task_sla records measuring generated tasks against the contract_sla definitions. Every incident gets
// its resolution SLA (by priority) and every request item its fulfilment SLA, then changes, problems, and
// any surplus becomes response SLAs. Breaches follow from the tasks' real resolution times.
import { TimeColumn } from '../store/columns.js';
import type { RowValues, TableStore } from '../store/table-store.js';
import { DAY, HOUR, notAfterNow, type GenContext } from './context.js';
import { SLA_DEFINITIONS, type SlaDefinition } from './reference-data.js';

interface Target {
  readonly store: TableStore;
  readonly stopField: string;
  readonly pick: (row: number) => SlaDefinition | undefined;
}

function num(store: TableStore, field: string, row: number): number | undefined {
  const col = store.column(field);
  const secs = col instanceof TimeColumn ? col.num(row) : Number.NaN;
  return Number.isNaN(secs) ? undefined : secs;
}

const byName = (name: string): SlaDefinition | undefined => SLA_DEFINITIONS.find((d) => d.name === name);
const firstFor = (collection: string, target: string): SlaDefinition | undefined =>
  SLA_DEFINITIONS.find((d) => d.collection === collection && d.target === target && d.active);

function slaRow(ctx: GenContext, target: Target, row: number, def: SlaDefinition, defId: string): RowValues {
  const { rng, now } = ctx;
  const { store } = target;
  const opened = num(store, 'opened_at', row) ?? now;
  const state = store.column('state')?.get(row) ?? '';
  const canceled =
    (store.name === 'incident' && state === '8') || (store.name === 'sc_req_item' && state === '4');
  let stop =
    def.target === 'response' ? opened + rng.skewed(40 * 60, 0.8) : num(store, target.stopField, row);
  if (stop === undefined && canceled) stop = num(store, 'closed_at', row);
  if (stop !== undefined) stop = notAfterNow(ctx, stop);
  const goal = def.goalSeconds;
  const until = stop ?? now;
  const pause = rng.chance(0.2) ? Math.min(rng.int(600, 2 * DAY), Math.floor((until - opened) / 2)) : 0;
  const elapsed = Math.max(0, until - opened - pause);
  const breached = elapsed > goal;
  const factor = goal >= DAY ? 0.3 + rng.next() * 0.15 : 1;
  let stage: string;
  if (canceled) stage = 'cancelled';
  else if (stop !== undefined) stage = 'completed';
  else if (state === '3') stage = 'paused';
  else stage = breached && rng.chance(0.6) ? 'breached' : 'in_progress';
  const percentage = ((elapsed / goal) * 100).toFixed(2);
  return {
    sys_id: rng.sysId(),
    task: store.sysId.get(row),
    sla: defId,
    stage,
    has_breached: String(breached && !canceled),
    active: String(stop === undefined),
    start_time: opened,
    end_time: stop ?? '',
    planned_end_time: opened + goal + pause,
    original_breach_time: opened + goal,
    pause_time: stage === 'paused' ? notAfterNow(ctx, until - rng.int(0, 4) * HOUR) : '',
    // Durations are stored as seconds since the epoch offset they are rendered as (glide_duration).
    pause_duration: pause,
    duration: elapsed,
    business_duration: Math.round(elapsed * factor),
    time_left: Math.max(0, goal - elapsed),
    business_time_left: Math.max(0, Math.round(goal - elapsed * factor)),
    percentage,
    business_percentage: ((elapsed * factor * 100) / goal).toFixed(2),
    timezone: 'GMT',
    sys_created_on: opened,
    sys_created_by: 'system',
    // Running SLAs are touched by the SLA timer job; finished ones last changed when they stopped.
    sys_updated_on:
      stop === undefined ? notAfterNow(ctx, now - rng.int(0, 3600)) : notAfterNow(ctx, stop + rng.int(0, 60)),
    sys_updated_by: 'system',
    sys_mod_count: rng.int(1, 10),
  };
}

/** Generates `count` task_sla rows; see the file comment for how they are spread over tasks. */
export function generateSlas(ctx: GenContext, count: number): void {
  const { db } = ctx;
  const out = db.store('task_sla');
  const defs = db.store('contract_sla');
  const defIds = new Map<string, string>();
  for (let r = 0; r < defs.allocated; r++) defIds.set(defs.column('name')?.get(r) ?? '', defs.sysId.get(r));
  const incidents = db.store('incident');
  const priority = incidents.column('priority');
  const targets: Target[] = [
    {
      store: incidents,
      stopField: 'resolved_at',
      pick: (r) =>
        SLA_DEFINITIONS.find(
          (d) => d.collection === 'incident' && d.active && d.priority === priority?.get(r),
        ),
    },
    {
      store: db.store('sc_req_item'),
      stopField: 'closed_at',
      pick: () => firstFor('sc_req_item', 'resolution'),
    },
    {
      store: db.store('change_request'),
      stopField: 'work_end',
      pick: () => firstFor('change_request', 'resolution'),
    },
    { store: db.store('problem'), stopField: 'resolved_at', pick: () => firstFor('problem', 'resolution') },
  ];
  const response = byName('Incident response (1 hour)');
  let made = 0;
  for (const target of targets) {
    for (let r = 0; r < target.store.allocated && made < count; r++, made++) {
      const def = target.pick(r);
      if (def) out.append(slaRow(ctx, target, r, def, defIds.get(def.name) ?? ''));
    }
  }
  // Surplus: response SLAs on incidents, cycling through them.
  const first = targets[0];
  for (let k = 0; made < count && response && first && incidents.allocated > 0; k++, made++) {
    out.append(slaRow(ctx, first, k % incidents.allocated, response, defIds.get(response.name) ?? ''));
  }
}
