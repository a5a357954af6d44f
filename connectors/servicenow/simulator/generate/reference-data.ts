// Small fixed tables every instance has: catalog items, relation types, knowledge bases and categories,
// and the SLA definitions (contract_sla) that task_sla records instantiate.
import type { Database } from '../store/database.js';
import type { RowValues } from '../store/table-store.js';
import { formatDuration } from '../time-format.js';
import { DAY, HOUR, type GenContext } from './context.js';
import { CATALOG_ITEMS } from './text.js';

/** An SLA definition: which tasks it measures and its goal. */
export interface SlaDefinition {
  readonly name: string;
  readonly type: 'SLA' | 'OLA' | 'Underpinning contract';
  readonly target: 'response' | 'resolution';
  readonly collection: 'incident' | 'sc_req_item' | 'change_request' | 'problem';
  readonly goalSeconds: number;
  /** For incident definitions: the priority it applies to (undefined = any). */
  readonly priority?: string;
  readonly active: boolean;
}

export const SLA_DEFINITIONS: readonly SlaDefinition[] = [
  {
    name: 'P1 resolution (4 hours)',
    type: 'SLA',
    target: 'resolution',
    collection: 'incident',
    goalSeconds: 4 * HOUR,
    priority: '1',
    active: true,
  },
  {
    name: 'P2 resolution (8 hours)',
    type: 'SLA',
    target: 'resolution',
    collection: 'incident',
    goalSeconds: 8 * HOUR,
    priority: '2',
    active: true,
  },
  {
    name: 'P3 resolution (2 days)',
    type: 'SLA',
    target: 'resolution',
    collection: 'incident',
    goalSeconds: 2 * DAY,
    priority: '3',
    active: true,
  },
  {
    name: 'P4 resolution (5 days)',
    type: 'SLA',
    target: 'resolution',
    collection: 'incident',
    goalSeconds: 5 * DAY,
    priority: '4',
    active: true,
  },
  {
    name: 'P5 resolution (10 days)',
    type: 'SLA',
    target: 'resolution',
    collection: 'incident',
    goalSeconds: 10 * DAY,
    priority: '5',
    active: true,
  },
  {
    name: 'Incident response (1 hour)',
    type: 'SLA',
    target: 'response',
    collection: 'incident',
    goalSeconds: HOUR,
    active: true,
  },
  {
    name: 'Request fulfilment (5 days)',
    type: 'SLA',
    target: 'resolution',
    collection: 'sc_req_item',
    goalSeconds: 5 * DAY,
    active: true,
  },
  {
    name: 'Change implementation (3 days)',
    type: 'OLA',
    target: 'resolution',
    collection: 'change_request',
    goalSeconds: 3 * DAY,
    active: true,
  },
  {
    name: 'Problem root cause (10 days)',
    type: 'OLA',
    target: 'resolution',
    collection: 'problem',
    goalSeconds: 10 * DAY,
    active: true,
  },
  {
    name: 'Network provider restore (8 hours)',
    type: 'Underpinning contract',
    target: 'resolution',
    collection: 'incident',
    goalSeconds: 8 * HOUR,
    active: true,
  },
  {
    name: 'Legacy P3 resolution (3 days)',
    type: 'SLA',
    target: 'resolution',
    collection: 'incident',
    goalSeconds: 3 * DAY,
    priority: '3',
    active: false,
  },
];

const REL_TYPES: readonly (readonly [string, string])[] = [
  ['Depends on', 'Used by'],
  ['Runs on', 'Runs'],
  ['Connected by', 'Connects'],
  ['Contains', 'Contained by'],
  ['Hosted on', 'Hosts'],
  ['Members', 'Member of'],
];

const KB_BASES = ['IT', 'HR', 'Facilities'];
const KB_CATEGORIES = ['Email', 'Network', 'Hardware', 'Software', 'Accounts', 'Policies', 'Security'];

function sys(ctx: GenContext, created: number): RowValues {
  return {
    sys_id: ctx.rng.sysId(),
    sys_created_on: created,
    sys_created_by: 'admin',
    sys_updated_on: created + ctx.rng.int(0, 30) * DAY,
    sys_updated_by: 'admin',
    sys_mod_count: ctx.rng.int(0, 3),
  };
}

/** Fills the fixed tables; `created` is when the instance was set up. */
export function generateReferenceData(db: Database, ctx: GenContext, created: number): void {
  const { rng } = ctx;
  const items = db.store('sc_cat_item');
  for (const name of CATALOG_ITEMS) {
    items.append({
      ...sys(ctx, created),
      name,
      short_description: `Request a ${name.toLowerCase()}`,
      category: 'Hardware and Software',
      active: 'true',
      price: String(rng.int(0, 40) * 25),
    });
  }
  const relTypes = db.store('cmdb_rel_type');
  for (const [parent, child] of REL_TYPES) {
    relTypes.append({
      ...sys(ctx, created),
      name: `${parent}::${child}`,
      parent_descriptor: parent,
      child_descriptor: child,
    });
  }
  const bases = db.store('kb_knowledge_base');
  for (const title of KB_BASES) {
    bases.append({
      ...sys(ctx, created),
      title,
      description: `${title} knowledge`,
      owner: ctx.refs.users[0] ?? '',
      active: 'true',
    });
  }
  const categories = db.store('kb_category');
  for (const label of KB_CATEGORIES) {
    categories.append({
      ...sys(ctx, created),
      label,
      kb_knowledge_base: bases.sysId.get(label === 'Policies' ? 1 : 0),
      active: 'true',
    });
  }
  const slas = db.store('contract_sla');
  for (const def of SLA_DEFINITIONS) {
    slas.append({
      ...sys(ctx, created),
      name: def.name,
      type: def.type,
      target: def.target,
      collection: def.collection,
      duration: formatDuration(def.goalSeconds),
      schedule: def.goalSeconds >= DAY ? '8-5 weekdays' : '24x7',
      start_condition:
        def.collection === 'incident' && def.priority
          ? `priority=${def.priority}^active=true`
          : 'active=true',
      stop_condition:
        def.target === 'response'
          ? 'assigned_toISNOTEMPTY'
          : def.collection === 'incident'
            ? 'stateIN6,7'
            : 'active=false',
      pause_condition: 'state=3',
      active: String(def.active),
    });
  }
}
