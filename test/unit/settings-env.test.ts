import { describe, expect, it } from 'vitest';
import { interpolateString } from '../../src/settings/env.js';

describe('interpolateString', () => {
  const env = { A: 'alpha', EMPTY: '' };

  it('replaces references and lists the variables used', () => {
    expect(interpolateString('x-${A}-${A}', env)).toEqual({
      value: 'x-alpha-alpha',
      variables: ['A', 'A'],
      problems: [],
    });
  });

  it('uses a default when the variable is unset or empty, as a shell does', () => {
    expect(interpolateString('${B:-beta}', env).value).toBe('beta');
    expect(interpolateString('${EMPTY:-fallback}', env).value).toBe('fallback');
    expect(interpolateString('${A:-unused}', env).value).toBe('alpha');
    expect(interpolateString('${B:-}', env)).toMatchObject({ value: '', problems: [] });
    expect(interpolateString('${B:-a:b c}', env).value).toBe('a:b c');
  });

  it('keeps an empty variable without a default as an empty string', () => {
    expect(interpolateString('${EMPTY}', env)).toEqual({ value: '', variables: ['EMPTY'], problems: [] });
  });

  it('writes $${ as a literal ${ and leaves other dollars alone', () => {
    expect(interpolateString('$${A} costs $5 $$ ${A}', env).value).toBe('${A} costs $5 $$ alpha');
  });

  it('reports a missing variable at the index of its reference', () => {
    expect(interpolateString('ab${NOPE}c', env)).toEqual({
      value: 'abc',
      variables: ['NOPE'],
      problems: [
        {
          kind: 'missing',
          index: 2,
          variable: 'NOPE',
          message: 'environment variable NOPE is not set: export it before running',
        },
      ],
    });
  });

  it('reports malformed and unterminated references', () => {
    expect(interpolateString('${1A}', env).problems[0]).toMatchObject({ kind: 'malformed', index: 0 });
    expect(interpolateString('${}', env).problems[0]).toMatchObject({ kind: 'malformed' });
    const open = interpolateString('x ${A', env);
    expect(open.value).toBe('x ${A');
    expect(open.problems[0]).toMatchObject({
      kind: 'malformed',
      index: 2,
      message: expect.stringContaining('unterminated reference "${A"'),
    });
  });
});
