import { describe, expect, it } from 'vitest';
import { bool, choice, dateTime, durationMs, int, level, str } from '../../connectors/servicenow/values.js';

describe('ServiceNow wire values', () => {
  it('reads "" and missing values as null, and reference objects by value', () => {
    expect(str('')).toBeNull();
    expect(str(undefined)).toBeNull();
    expect(str({ value: 'abc', link: 'x' })).toBe('abc');
    expect(str({ value: '' })).toBeNull();
  });

  it('reads glide_date_time as UTC whatever the process time zone', () => {
    expect(dateTime('2016-12-14 02:46:44')).toBe('2016-12-14T02:46:44.000Z');
    expect(dateTime('2100-01-01')).toBe('2100-01-01T00:00:00.000Z');
    expect(dateTime('2026-02-31 00:00:00')).toBeNull();
    expect(dateTime('yesterday')).toBeNull();
  });

  it('reads booleans, integers and levels as the platform sends them', () => {
    expect(bool('true')).toBe(true);
    expect(bool('false')).toBe(false);
    expect(bool('maybe')).toBeNull();
    expect(int('15')).toBe(15);
    expect(int('1.5')).toBeNull();
    expect(level('1 - Critical')).toBe(1);
    expect(level('9')).toBeNull();
  });

  it('reads glide_duration as an offset from the epoch', () => {
    expect(durationMs('1970-01-02 04:23:17')).toBe(((24 + 4) * 3600 + 23 * 60 + 17) * 1000);
    expect(durationMs('')).toBeNull();
  });

  it('maps choices and keeps unknown values as the fallback', () => {
    const state = choice({ '1': 'new', '7': 'closed' } as const, 'other');
    expect(state('7')).toBe('closed');
    expect(state('42')).toBe('other');
  });
});

describe('date-time fast path', () => {
  it('agrees with Date for valid values and refuses impossible ones', () => {
    for (const value of [
      '2024-02-29 23:59:59',
      '2000-02-29 00:00:00',
      '1999-12-31 12:00:00',
      '2026-11-22 04:30:59',
    ]) {
      expect(dateTime(value)).toBe(new Date(`${value.replace(' ', 'T')}Z`).toISOString());
    }
    for (const value of [
      '2023-02-29 00:00:00',
      '1900-02-29 00:00:00',
      '2026-13-01 00:00:00',
      '2026-04-31 00:00:00',
      '2026-01-01 24:00:00',
      '2026-01-01 10:60:00',
      '2026-01-01T10:00:00',
      '2026-01-0a 10:00:00',
    ]) {
      expect(dateTime(value), value).toBeNull();
    }
  });
});
