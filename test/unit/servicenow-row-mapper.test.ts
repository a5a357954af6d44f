import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS } from '../../src/contracts/index.js';
import { StreamOptionsSchema } from '../../connectors/servicenow/config.js';
import { compileRowMapper } from '../../connectors/servicenow/row-mapper.js';
import { TABLE_SPECS } from '../../connectors/servicenow/tables.js';

const ENVELOPE = ['kind', 'source', 'id', 'key', 'url', 'createdAt', 'updatedAt', 'stateRaw', 'extra'];
const context = { source: 'snow', instanceUrl: 'https://acme.service-now.com', table: 't' };

describe('ServiceNow table specs', () => {
  it.each(Object.entries(TABLE_SPECS))('%s maps every canonical field of its kind', (name, spec) => {
    const wanted = Object.keys(RECORD_SCHEMAS[spec.kind].shape).filter((k) => !ENVELOPE.includes(k));
    const mapped = Object.keys(spec.fields).concat(spec.kind === 'review' ? ['reviewType'] : []);
    expect(mapped.sort(), name).toEqual(wanted.sort());
  });

  it.each(Object.entries(TABLE_SPECS))(
    '%s yields a valid canonical record from an all-empty row',
    (_name, spec) => {
      const mapper = compileRowMapper(spec, StreamOptionsSchema.parse({}), context);
      const row = Object.fromEntries(mapper.columns.map((c) => [c, '']));
      row['sys_id'] = '0123456789abcdef0123456789abcdef';
      row['sys_updated_on'] = '2026-01-02 03:04:05';
      const record = mapper.map(row);
      expect(RECORD_SCHEMAS[spec.kind].safeParse(record).success).toBe(true);
    },
  );
});

describe('row mapper', () => {
  it('maps an incident row, honours a custom field override and keeps extra columns', () => {
    const options = StreamOptionsSchema.parse({ fields: { major: 'u_major' }, extra: ['u_region'] });
    const mapper = compileRowMapper(TABLE_SPECS.incident, options, { ...context, table: 'incident' });
    expect(mapper.columns).toContain('u_major');
    expect(mapper.columns).not.toContain('major_incident_state');
    const record = mapper.map({
      sys_id: 'a1',
      number: 'INC0010023',
      sys_created_on: '2026-01-01 10:00:00',
      sys_updated_on: '2026-01-02 11:00:00',
      state: '6',
      priority: '2',
      impact: '1',
      urgency: '2',
      cmdb_ci: 'ci1',
      business_service: '',
      resolved_at: '2026-01-02 10:59:00',
      reopen_count: '1',
      u_major: 'accepted',
      u_region: 'EMEA',
    });
    expect(record).toMatchObject({
      kind: 'incident',
      key: 'INC0010023',
      url: 'https://acme.service-now.com/incident.do?sys_id=a1',
      state: 'resolved',
      stateRaw: '6',
      priority: 2,
      ciId: 'ci1',
      serviceId: null,
      resolvedAt: '2026-01-02T10:59:00.000Z',
      reopenCount: 1,
      major: true,
      extra: { u_region: 'EMEA' },
    });
    expect(RECORD_SCHEMAS.incident.safeParse(record).success).toBe(true);
  });

  it('takes the review type from a column through the value map, else the fixed type', () => {
    const options = StreamOptionsSchema.parse({
      reviewTypeField: 'u_kind',
      reviewTypeMap: { MR: 'management_review' },
      reviewType: 'other',
    });
    const mapper = compileRowMapper(TABLE_SPECS.review, options, context);
    const base = { sys_id: 'r', sys_updated_on: '2026-01-02 03:04:05' };
    expect(mapper.map({ ...base, u_kind: 'MR' })).toMatchObject({ reviewType: 'management_review' });
    expect(mapper.map({ ...base, u_kind: 'Internal Audit' })).toMatchObject({ reviewType: 'internal_audit' });
    expect(mapper.map({ ...base, u_kind: 'coffee' })).toMatchObject({ reviewType: 'other' });
  });

  it('skips a row without sys_id', () => {
    const mapper = compileRowMapper(TABLE_SPECS.ci, StreamOptionsSchema.parse({}), context);
    expect(mapper.map({ name: 'x' })).toBeUndefined();
  });
});
