// `iso20k report` options: bad values are usage errors (exit 2) naming the option; a missing seed is drawn.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/errors.js';
import { parseReportOptions } from '../../src/cli/report-options.js';

function usageError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('report options', () => {
  it('accepts the four formats, a period and a seed', () => {
    const options = parseReportOptions({
      format: 'csv',
      period: '2026-01-01..2026-03-31',
      seed: '20260401',
      out: 'x.csv',
    });
    expect(options).toMatchObject({ format: 'csv', seed: '20260401', seedDrawn: false, out: 'x.csv' });
    expect(options.period).toEqual({
      from: Date.parse('2026-01-01T00:00:00Z'),
      to: Date.parse('2026-03-31T23:59:59.999Z'),
    });
  });

  it('draws a seed when none is given and says so', () => {
    const options = parseReportOptions({ format: 'html' });
    expect(options.seed).toMatch(/^\d+$/);
    expect(options.seedDrawn).toBe(true);
    expect(options.period).toBeUndefined();
  });

  it.each([
    [{ format: 'pdf' }, /--format "pdf": use one of html, md, csv, json/],
    [{ format: 'html', seed: 'abc' }, /--seed "abc": use a whole number/],
    [{ format: 'html', period: '2026-01-01' }, /--period "2026-01-01"/],
    [{ format: 'html', out: '' }, /--out needs a file name/],
  ])('refuses %o', (raw, message) => {
    const error = usageError(() => parseReportOptions(raw));
    expect(error.code).toBe('USAGE');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });
});
