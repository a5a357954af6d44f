// Deterministic Assets objects: services first, then configuration items that depend on each other and
// support a service (the references become ci_relation records).
import type { SimAsset } from './model.js';
import { hashSeed, Random } from './random.js';

const DAY = 86_400_000;
const STATUSES = ['Operational', 'Operational', 'Operational', 'In Repair', 'Retired', 'Stopped'];
const CRITICALITY = ['Tier 1', 'Tier 2', 'Tier 3'];
const SERVICE_NAMES = ['E-mail', 'Payroll', 'CRM', 'Intranet', 'VPN', 'Service Desk', 'ERP', 'File sharing'];
const CI_TYPES = [
  { id: 2, prefix: 'srv' },
  { id: 3, prefix: 'app' },
  { id: 4, prefix: 'db' },
  { id: 5, prefix: 'net' },
];

export function generateAssets(
  seed: number,
  now: number,
  counts: { services: number; cis: number },
  accounts: string[],
): SimAsset[] {
  const rng = new Random(hashSeed(seed, 'assets'));
  const assets: SimAsset[] = [];
  let id = 1;
  const stamp = () => {
    const created = now - rng.int(30, 700) * DAY;
    return { created, updated: Math.min(now - 120_000, created + rng.int(0, 200) * DAY) };
  };
  for (let i = 0; i < counts.services; i++) {
    const base = SERVICE_NAMES[i % SERVICE_NAMES.length]!;
    assets.push({
      id,
      objectKey: `CMDB-${id}`,
      label: i < SERVICE_NAMES.length ? base : `${base} ${Math.floor(i / SERVICE_NAMES.length) + 1}`,
      typeId: 1,
      ...stamp(),
      description: `The ${base} service as users know it.`,
      status: 'Operational',
      owner: rng.pick(accounts),
      criticality: rng.pick(CRITICALITY),
      dependsOn: [],
      serviceId: null,
      lastDiscovered: null,
    });
    id++;
  }
  const serviceIds = assets.map((a) => a.id);
  const ciIds: number[] = [];
  for (let i = 0; i < counts.cis; i++) {
    const type = rng.pick(CI_TYPES);
    const dependsOn = ciIds.length > 0 && rng.chance(0.6) ? [rng.pick(ciIds)] : [];
    const t = stamp();
    assets.push({
      id,
      objectKey: `CMDB-${id}`,
      label: `${type.prefix}-${String(i + 1).padStart(4, '0')}`,
      typeId: type.id,
      ...t,
      description: '',
      status: rng.pick(STATUSES),
      owner: rng.chance(0.8) ? rng.pick(accounts) : null,
      criticality: null,
      dependsOn,
      serviceId: serviceIds.length > 0 && rng.chance(0.7) ? rng.pick(serviceIds) : null,
      lastDiscovered: rng.chance(0.7) ? t.updated : null,
    });
    ciIds.push(id);
    id++;
  }
  return assets;
}
