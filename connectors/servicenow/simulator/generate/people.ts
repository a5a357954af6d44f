// sys_user and sys_user_group. The first user is the administrator every instance has.
import { DAY, HOUR, type GenContext, type RowGenerator } from './context.js';
import { DEPARTMENTS, FIRST_NAMES, GROUP_NAMES, LAST_NAMES, TITLES } from './text.js';

const MASTER_SPAN = 1100 * DAY;

export const userRow: RowGenerator = (ctx, opened, store) => {
  const { rng } = ctx;
  const i = store.allocated;
  const first = i === 0 ? 'System' : rng.pick(FIRST_NAMES);
  const last = i === 0 ? 'Administrator' : rng.pick(LAST_NAMES);
  const userName = i === 0 ? 'admin' : `${first}.${last}${i}`.toLowerCase();
  const active = i === 0 || rng.chance(0.95);
  return {
    sys_id: rng.sysId(),
    user_name: userName,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    email: `${userName}@example.com`,
    title: i === 0 ? 'Administrator' : rng.pick(TITLES),
    department: i === 0 ? 'IT' : rng.pick(DEPARTMENTS),
    active: String(active),
    locked_out: String(!active && rng.chance(0.3)),
    last_login_time: active ? Math.min(ctx.now, opened + Math.floor(rng.next() * (ctx.now - opened))) : '',
    sys_created_on: opened,
    sys_created_by: 'admin',
    sys_updated_on: Math.min(ctx.now, opened + Math.floor(rng.next() * 30 * DAY)),
    sys_updated_by: 'admin',
    sys_mod_count: rng.int(0, 6),
  };
};

export const groupRow: RowGenerator = (ctx, opened, store) => {
  const { rng } = ctx;
  const i = store.allocated;
  const base = GROUP_NAMES[i % GROUP_NAMES.length] ?? 'Support';
  const name = i < GROUP_NAMES.length ? base : `${base} ${Math.floor(i / GROUP_NAMES.length) + 1}`;
  return {
    sys_id: rng.sysId(),
    name,
    description: `${name} team`,
    manager: ctx.refs.users.length > 0 ? rng.pick(ctx.refs.users) : '',
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`,
    type: name === 'Change Advisory Board' ? 'approval' : 'itil',
    active: 'true',
    sys_created_on: opened,
    sys_created_by: 'admin',
    sys_updated_on: Math.min(ctx.now, opened + rng.int(0, 90) * DAY + rng.int(0, 23) * HOUR),
    sys_updated_by: 'admin',
    sys_mod_count: rng.int(0, 4),
  };
};

export function masterDataTime(ctx: GenContext, i: number, n: number): number {
  return Math.floor(
    ctx.now - MASTER_SPAN + (i / Math.max(1, n)) * (MASTER_SPAN - 200 * DAY) + ctx.rng.next() * DAY,
  );
}
