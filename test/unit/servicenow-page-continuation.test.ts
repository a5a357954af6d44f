import { describe, expect, it } from 'vitest';
import { continuation } from '../../connectors/servicenow/page-continuation.js';

describe('what follows a page', () => {
  it('ends only on a counted page without a next link', () => {
    expect(continuation({ rows: 10, limit: 100, counted: true, hasNext: false })).toEqual({ from: 'end' });
    expect(continuation({ rows: 0, limit: 100, counted: true, hasNext: false })).toEqual({ from: 'end' });
  });

  it('goes on after a full page, and after any page with a next link', () => {
    expect(continuation({ rows: 100, limit: 100, counted: false, hasNext: false })).toEqual({
      from: 'last',
      counted: false,
    });
    expect(continuation({ rows: 3, limit: 100, counted: true, hasNext: true })).toEqual({
      from: 'last',
      counted: false,
    });
  });

  it('confirms a short uncounted page with a counted request instead of trusting it', () => {
    expect(continuation({ rows: 3, limit: 100, counted: false, hasNext: false })).toEqual({
      from: 'last',
      counted: true,
    });
    expect(continuation({ rows: 0, limit: 100, counted: false, hasNext: false })).toEqual({
      from: 'same',
      counted: true,
    });
  });

  it('follows the link of an empty page that says more rows exist (rows hidden by ACLs)', () => {
    expect(continuation({ rows: 0, limit: 100, counted: false, hasNext: true })).toEqual({ from: 'link' });
  });
});
