import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../src/cli/progress.js';

describe('progress line', () => {
  it('redraws one line with the count, the share of the expected total and, after a second, the rate', () => {
    let clock = 0;
    const written: string[] = [];
    const line = createProgressLine(
      (text) => written.push(text),
      true,
      () => clock,
    );
    const p = { source: 'snow', stream: 'incident', expectedTotal: 10_000 };
    line.update({ ...p, fetched: 500 });
    clock = 300;
    line.update({ ...p, fetched: 1000 });
    clock = 2000;
    line.update({ ...p, fetched: 5000 });
    line.done();
    expect(written).toEqual([
      '\r\x1b[2Ksnow/incident: 1,000 / 10,000 (10%)',
      '\r\x1b[2Ksnow/incident: 5,000 / 10,000 (50%)  2,500 records/s',
      '\r\x1b[2K',
    ]);
  });

  it('draws nothing when standard error is not a terminal', () => {
    const written: string[] = [];
    const line = createProgressLine(
      (text) => written.push(text),
      false,
      () => 5000,
    );
    line.update({ source: 's', stream: 'x', fetched: 10, expectedTotal: undefined });
    line.done();
    expect(written).toEqual([]);
  });
});
