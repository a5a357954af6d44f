import { describe, expect, it } from 'vitest';
import { formatPath, formatProblem } from '../../src/settings/format.js';
import { describeValue, unknownKeyMessage } from '../../src/settings/messages.js';
import { closest, editDistance } from '../../src/settings/suggest.js';

describe('closest', () => {
  it('suggests likely typos: a missing letter, a swap, a case slip', () => {
    expect(closest('pasword', ['username', 'password'])).toBe('password');
    expect(closest('incidnet', ['incident', 'problem'])).toBe('incident');
    expect(closest('PageSize', ['pageSize'])).toBe('pageSize');
    expect(editDistance('incidnet', 'incident')).toBe(1);
  });

  it('suggests nothing for unrelated words', () => {
    expect(closest('colour', ['dataDir', 'log', 'api', 'sources'])).toBeUndefined();
    expect(closest('id', ['ab'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});

describe('messages and formatting', () => {
  it('formats paths the way a user reads them', () => {
    expect(formatPath(['sources', 0, 'auth', 'password'])).toBe('sources[0].auth.password');
    expect(formatPath(['streams', 'review', 'reviewTypeMap', 'mgmt review'])).toBe(
      'streams.review.reviewTypeMap["mgmt review"]',
    );
    expect(formatPath([])).toBe('');
  });

  it('formats a problem as file:line:col path: message', () => {
    expect(formatProblem({ file: 'c.yaml', line: 3, col: 5, path: 'log.level', message: 'm' })).toBe(
      'c.yaml:3:5 log.level: m',
    );
    expect(formatProblem({ file: 'c.yaml', line: 1, col: 1, path: '', message: 'm' })).toBe('c.yaml:1:1: m');
  });

  it('describes values in YAML terms', () => {
    expect([
      describeValue('a'),
      describeValue(1),
      describeValue(false),
      describeValue(null),
      describeValue([]),
      describeValue({}),
    ]).toEqual(['string "a"', 'number 1', 'boolean false', 'an empty value', 'a list', 'a mapping']);
    expect(unknownKeyMessage('x', [])).toBe('unknown key "x": remove it');
  });
});
