import { describe, expect, it } from 'vitest';
import {
  compare,
  idQuery,
  positionFromCursor,
  queryAfter,
  queryFrom,
  toServiceNowTime,
} from '../../connectors/servicenow/keyset.js';
import { nextLink } from '../../connectors/servicenow/link-header.js';

describe('keyset queries', () => {
  it('reads strictly after the compound key, so rows sharing a second are neither skipped nor repeated', () => {
    expect(queryAfter({ updatedOn: '2026-01-02 03:04:05', sysId: 'abc' }, '2026-01-03 00:00:00')).toBe(
      'sys_updated_on>2026-01-02 03:04:05^sys_updated_on<=2026-01-03 00:00:00' +
        '^NQsys_updated_on=2026-01-02 03:04:05^sys_id>abc^sys_updated_on<=2026-01-03 00:00:00' +
        '^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
  });

  it('repeats a stream filter in both OR-groups', () => {
    const q = queryAfter(
      { updatedOn: '2026-01-02 03:04:05', sysId: 'abc' },
      '2026-01-03 00:00:00',
      'active=true',
    );
    expect(q.split('^NQ').every((group) => group.includes('active=true'))).toBe(true);
  });

  it('starts a full sync or an overlap window from a lower bound', () => {
    expect(queryFrom(undefined, '2026-01-03 00:00:00')).toBe(
      'sys_updated_on<=2026-01-03 00:00:00^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
    expect(queryFrom('2026-01-01 00:00:00', '2026-01-03 00:00:00', 'active=true')).toBe(
      'sys_updated_on>=2026-01-01 00:00:00^sys_updated_on<=2026-01-03 00:00:00^active=true^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
    expect(idQuery(undefined)).toBe('sys_idISNOTEMPTY^ORDERBYsys_id');
    expect(idQuery('ff', 'active=true')).toBe('sys_id>ff^active=true^ORDERBYsys_id');
  });

  it('orders positions by time, then by sys_id', () => {
    expect(
      compare(
        { updatedOn: '2026-01-01 00:00:00', sysId: 'b' },
        { updatedOn: '2026-01-01 00:00:00', sysId: 'a' },
      ),
    ).toBe(1);
    expect(
      compare(
        { updatedOn: '2025-12-31 23:59:59', sysId: 'z' },
        { updatedOn: '2026-01-01 00:00:00', sysId: 'a' },
      ),
    ).toBe(-1);
  });

  it('formats UTC times and refuses malformed cursors', () => {
    expect(toServiceNowTime(Date.UTC(2026, 0, 2, 3, 4, 5, 900))).toBe('2026-01-02 03:04:05');
    expect(positionFromCursor({ updatedOn: 'soon', sysId: 'a' })).toBeUndefined();
    expect(positionFromCursor({ updatedOn: '2026-01-02 03:04:05', sysId: 'a' })).toEqual({
      updatedOn: '2026-01-02 03:04:05',
      sysId: 'a',
    });
  });
});

describe('Link header', () => {
  it('finds rel="next" and ignores the prev link with offset -1', () => {
    const header =
      '<https://x/api/now/table/incident?sysparm_limit=1&sysparm_offset=0>;rel="first",' +
      '<https://x/api/now/table/incident?sysparm_limit=1&sysparm_offset=-1>;rel="prev",' +
      '<https://x/api/now/table/incident?sysparm_limit=1&sysparm_offset=1>;rel="next",' +
      '<https://x/api/now/table/incident?sysparm_limit=1&sysparm_offset=549>;rel="last"';
    expect(nextLink(header)).toBe('https://x/api/now/table/incident?sysparm_limit=1&sysparm_offset=1');
    expect(nextLink('<https://x/a>;rel="first",<https://x/b>;rel="last"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});
