// Maps Assets objects to canonical `ci` and `service` records, and their reference attributes to
// `ci_relation` records (object -> referenced object, typed by the attribute's name).
import type { CiRecord, CiRelationRecord, ServiceRecord } from '../../src/contracts/index.js';
import { isoDate, obj, str, type Json } from './issue-values.js';

export interface AssetContext {
  source: string;
  siteUrl: string;
  attributeNames: Map<string, string>;
}

/** Attribute values by attribute name. */
function attributes(object: Json, names: Map<string, string>): Map<string, Json[]> {
  const byName = new Map<string, Json[]>();
  for (const a of Array.isArray(object['attributes']) ? object['attributes'] : []) {
    const attr = obj(a);
    const name = names.get(str(attr?.['objectTypeAttributeId']) ?? '');
    const values = attr?.['objectAttributeValues'];
    if (name === undefined || !Array.isArray(values)) continue;
    byName.set(
      name.toLowerCase(),
      values.map(obj).filter((v) => v !== undefined),
    );
  }
  return byName;
}

const textOf = (values: Json[] | undefined): string | null => {
  const v = values?.[0];
  if (v === undefined) return null;
  return str(v['value']) ?? str(v['displayValue']);
};
const userOf = (values: Json[] | undefined): string | null => {
  const v = values?.[0];
  return v === undefined
    ? null
    : (str(obj(v['user'])?.['accountId']) ?? str(obj(v['group'])?.['name']) ?? str(v['searchValue']));
};
const statusOf = (values: Json[] | undefined): string | null => {
  const v = values?.[0];
  return v === undefined ? null : (str(obj(v['status'])?.['name']) ?? str(v['displayValue']));
};

function operational(status: string | null): CiRecord['operationalStatus'] {
  if (status === null) return null;
  const s = status.toLowerCase();
  if (/retired|decommission|disposed/.test(s)) return 'retired';
  if (/repair|maintenance/.test(s)) return 'repair';
  if (/standby/.test(s)) return 'dr_standby';
  if (/non.?operational|stopped|down|offline|inactive/.test(s)) return 'non_operational';
  if (/ready|in stock|ordered/.test(s)) return 'ready';
  if (/operational|running|active|in use|live|production/.test(s)) return 'operational';
  return 'other';
}

function envelope(object: Json, ctx: AssetContext) {
  const id = str(object['id']);
  const updatedAt = isoDate(object['updated']);
  if (id === null || updatedAt === null) return undefined;
  return {
    source: ctx.source,
    id,
    key: str(object['objectKey']) ?? id,
    url: `${ctx.siteUrl}/jira/servicedesk/assets/object/${id}`,
    createdAt: isoDate(object['created']),
    updatedAt,
  };
}

export function mapCi(object: Json, ctx: AssetContext): CiRecord | undefined {
  const base = envelope(object, ctx);
  if (base === undefined) return undefined;
  const attrs = attributes(object, ctx.attributeNames);
  const status = statusOf(attrs.get('status'));
  return {
    kind: 'ci',
    ...base,
    stateRaw: status,
    name: str(object['label']),
    className: str(obj(object['objectType'])?.['name']),
    description: textOf(attrs.get('description')),
    ownerId: userOf(attrs.get('owner')),
    managedBy: userOf(attrs.get('managed by')),
    supportGroup: userOf(attrs.get('support group')),
    operationalStatus: operational(status),
    installStatus: textOf(attrs.get('install status')),
    lastDiscoveredAt: isoDate(textOf(attrs.get('last discovered'))),
  };
}

export function mapService(object: Json, ctx: AssetContext): ServiceRecord | undefined {
  const base = envelope(object, ctx);
  if (base === undefined) return undefined;
  const attrs = attributes(object, ctx.attributeNames);
  const status = statusOf(attrs.get('status'));
  return {
    kind: 'service',
    ...base,
    stateRaw: status,
    name: str(object['label']),
    description: textOf(attrs.get('description')),
    ownerId: userOf(attrs.get('owner')),
    supportGroup: userOf(attrs.get('support group')),
    operationalStatus: operational(status),
    criticality: textOf(attrs.get('criticality')) ?? textOf(attrs.get('tier')),
  };
}

export function mapRelations(object: Json, ctx: AssetContext): CiRelationRecord[] {
  const base = envelope(object, ctx);
  if (base === undefined) return [];
  const relations: CiRelationRecord[] = [];
  for (const a of Array.isArray(object['attributes']) ? object['attributes'] : []) {
    const attr = obj(a);
    const attrId = str(attr?.['objectTypeAttributeId']);
    const values = attr?.['objectAttributeValues'];
    if (attrId === null || !Array.isArray(values)) continue;
    for (const v of values) {
      const ref = obj(obj(v)?.['referencedObject']);
      const childId = str(ref?.['id']);
      if (childId === null) continue;
      relations.push({
        kind: 'ci_relation',
        ...base,
        id: `${base.id}>${attrId}>${childId}`,
        key: `${base.key} > ${str(ref?.['objectKey']) ?? childId}`,
        stateRaw: null,
        parentId: base.id,
        childId,
        type: ctx.attributeNames.get(attrId) ?? null,
      });
    }
  }
  return relations;
}
