// Configuration items (several classes, all in cmdb_ci), business services (cmdb_ci_service rows of the
// same table) and the relations between them. Gaps: CIs without an owner or support group, stale or
// missing discovery dates, retired CIs still referenced.
import { DAY, HOUR, pickRef, pickUser, type GenContext, type RowGenerator } from './context.js';
import { SERVICE_NAMES } from './text.js';

const CLASSES: readonly (readonly [string, number])[] = [
  ['cmdb_ci_server', 35],
  ['cmdb_ci_app_server', 15],
  ['cmdb_ci_database', 15],
  ['cmdb_ci_netgear', 10],
  ['cmdb_ci_appl', 25],
];

const NAME_STEMS: Readonly<Record<string, readonly string[]>> = {
  cmdb_ci_server: ['lnx-web', 'lnx-app', 'win-app', 'win-file', 'lnx-batch'],
  cmdb_ci_app_server: ['tomcat', 'jboss', 'iis', 'websphere'],
  cmdb_ci_database: ['ora-fin', 'pg-hr', 'mssql-crm', 'pg-shop', 'mysql-intranet'],
  cmdb_ci_netgear: ['sw-core', 'sw-access', 'rtr-wan', 'fw-edge'],
  cmdb_ci_appl: ['app-payroll', 'app-shop', 'app-crm', 'app-erp', 'app-portal'],
};

const DISCOVERED = new Set(['cmdb_ci_server', 'cmdb_ci_app_server', 'cmdb_ci_database', 'cmdb_ci_netgear']);

function lastDiscovered(ctx: GenContext, cls: string, created: number): number | '' {
  const { rng, now } = ctx;
  if (!DISCOVERED.has(cls) && rng.chance(0.5)) return '';
  const band = rng.weighted([
    ['fresh', 80],
    ['aging', 10],
    ['stale', 5],
    ['never', 5],
  ] as const);
  if (band === 'never') return '';
  const ago =
    band === 'fresh'
      ? rng.int(0, 7 * DAY)
      : band === 'aging'
        ? rng.int(8 * DAY, 60 * DAY)
        : rng.int(91 * DAY, 400 * DAY);
  return Math.max(created, now - ago);
}

export const ciRow: RowGenerator = (ctx, opened, store) => {
  const { rng, now, refs } = ctx;
  const cls = rng.weighted(CLASSES);
  const stem = rng.pick(NAME_STEMS[cls] ?? ['ci']);
  const retired = rng.chance(0.05);
  const discovered = lastDiscovered(ctx, cls, opened);
  const owner = pickUser(ctx);
  const supportGroup = pickRef(ctx, refs.groups, 0.05);
  const hostLike = cls === 'cmdb_ci_server' || cls === 'cmdb_ci_netgear';
  return {
    sys_id: rng.sysId(),
    name: `${stem}-${String(store.allocated + 1).padStart(4, '0')}`,
    sys_class_name: cls,
    short_description: `${stem} (${cls.replace('cmdb_ci_', '')})`,
    operational_status: retired
      ? '6'
      : rng.weighted([
          ['1', 85],
          ['2', 5],
          ['3', 3],
          ['4', 3],
          ['5', 4],
        ]),
    install_status: retired
      ? '7'
      : rng.weighted([
          ['1', 90],
          ['6', 5],
          ['3', 5],
        ]),
    owned_by: rng.chance(0.1) ? '' : owner.id,
    managed_by: pickRef(ctx, refs.users, 0.15),
    support_group: supportGroup,
    assignment_group: supportGroup !== '' && rng.chance(0.9) ? supportGroup : pickRef(ctx, refs.groups, 0.1),
    last_discovered: discovered,
    serial_number: hostLike ? `SN${rng.uint32().toString(16).toUpperCase()}` : '',
    ip_address: hostLike ? `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : '',
    category: hostLike ? 'Hardware' : 'Software',
    correlation_id: '',
    sys_created_on: opened,
    sys_created_by: DISCOVERED.has(cls) ? 'discovery' : owner.name,
    sys_updated_on:
      typeof discovered === 'number' ? discovered : Math.min(now, opened + rng.int(0, 200) * DAY),
    sys_updated_by: DISCOVERED.has(cls) ? 'discovery' : 'admin',
    sys_mod_count: rng.int(1, 40),
  };
};

export const serviceRow: RowGenerator = (ctx, opened, store) => {
  const { rng, now, refs } = ctx;
  // Services are generated before other CIs, so the row number counts the services so far.
  const n = store.allocated;
  const base = SERVICE_NAMES[n % SERVICE_NAMES.length] ?? 'Service';
  const name = n < SERVICE_NAMES.length ? base : `${base} ${Math.floor(n / SERVICE_NAMES.length) + 1}`;
  const owner = pickUser(ctx);
  return {
    sys_id: rng.sysId(),
    name,
    sys_class_name: 'cmdb_ci_service',
    short_description: `${name} service`,
    operational_status: rng.weighted([
      ['1', 92],
      ['2', 4],
      ['5', 4],
    ]),
    install_status: '1',
    owned_by: rng.chance(0.08) ? '' : owner.id,
    managed_by: pickRef(ctx, refs.users, 0.1),
    support_group: pickRef(ctx, refs.groups, 0.05),
    assignment_group: pickRef(ctx, refs.groups, 0.05),
    last_discovered: '',
    category: 'Service',
    busines_criticality: rng.weighted([
      ['1 - most critical', 20],
      ['2 - somewhat critical', 35],
      ['3 - less critical', 30],
      ['4 - not critical', 15],
    ]),
    service_classification: rng.chance(0.7) ? 'Business Service' : 'Technical Service',
    used_for: rng.weighted([
      ['Production', 85],
      ['Staging', 8],
      ['Development', 7],
    ]),
    sys_created_on: opened,
    sys_created_by: owner.name,
    sys_updated_on: Math.min(now, opened + rng.int(0, 300) * DAY + rng.int(0, 23) * HOUR),
    sys_updated_by: 'admin',
    sys_mod_count: rng.int(1, 12),
  };
};

/** Which class may relate to which, and how. */
const PATTERNS: readonly (readonly [string, string, string, number])[] = [
  ['cmdb_ci_service', 'cmdb_ci_appl', 'Depends on::Used by', 25],
  ['cmdb_ci_appl', 'cmdb_ci_app_server', 'Depends on::Used by', 20],
  ['cmdb_ci_appl', 'cmdb_ci_database', 'Depends on::Used by', 15],
  ['cmdb_ci_app_server', 'cmdb_ci_server', 'Runs on::Runs', 15],
  ['cmdb_ci_database', 'cmdb_ci_server', 'Runs on::Runs', 15],
  ['cmdb_ci_server', 'cmdb_ci_netgear', 'Connected by::Connects', 10],
];

/** Generates `count` cmdb_rel_ci rows between existing CIs of fitting classes. */
export function generateRelations(ctx: GenContext, count: number, spreadFrom: number): void {
  const { rng, db, now } = ctx;
  const ci = db.store('cmdb_ci');
  const cls = ci.column('sys_class_name');
  const byClass = new Map<string, string[]>();
  for (let r = 0; r < ci.allocated; r++) {
    const c = cls?.get(r) ?? '';
    const list = byClass.get(c) ?? [];
    list.push(ci.sysId.get(r));
    byClass.set(c, list);
  }
  const types = new Map<string, string>();
  const relType = db.store('cmdb_rel_type');
  for (let r = 0; r < relType.allocated; r++)
    types.set(relType.column('name')?.get(r) ?? '', relType.sysId.get(r));
  const rel = db.store('cmdb_rel_ci');
  for (let i = 0; i < count; i++) {
    const [parentCls, childCls, type] = rng.weighted(PATTERNS.map((p) => [p, p[3]] as const));
    const parents = byClass.get(parentCls) ?? [];
    const children = byClass.get(childCls) ?? [];
    if (parents.length === 0 || children.length === 0) continue;
    const created = Math.floor(spreadFrom + ((now - spreadFrom) * i) / Math.max(1, count));
    rel.append({
      sys_id: rng.sysId(),
      parent: rng.pick(parents),
      child: rng.pick(children),
      type: types.get(type) ?? '',
      connection_strength: rng.chance(0.9) ? 'always' : 'occasionally',
      sys_created_on: created,
      sys_created_by: 'discovery',
      sys_updated_on: Math.min(now, created + rng.int(0, 60) * DAY),
      sys_updated_by: 'discovery',
      sys_mod_count: rng.int(0, 5),
    });
  }
}
