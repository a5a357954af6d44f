// The status route reuses the scheduler's next-run times (node-cron recomputes them on every call, which
// profiling showed was the route's biggest cost under load) until the earliest passes, or 5 s at most.
import { describe, expect, it } from 'vitest';
import type { RunControl } from '../../src/api/api-deps.js';
import { cachedNextRuns } from '../../src/api/routes/status.js';

function counting(next: Record<string, string | null>) {
  const runs: RunControl & { calls: number } = {
    calls: 0,
    startNow: () => ({ status: 'busy', runId: null }),
    current: () => null,
    nextRuns() {
      runs.calls++;
      return next;
    },
  };
  return runs;
}

describe('cachedNextRuns', () => {
  it('asks the scheduler again only once the earliest next run has passed', () => {
    let now = Date.parse('2026-11-20T12:00:00.000Z');
    const runs = counting({ a: '2026-11-20T12:00:02.000Z', b: '2026-11-20T12:15:00.000Z', c: null });
    const next = cachedNextRuns(runs, () => new Date(now));
    expect(next()).toEqual({ a: '2026-11-20T12:00:02.000Z', b: '2026-11-20T12:15:00.000Z', c: null });
    now += 1_999;
    next();
    expect(runs.calls).toBe(1);
    now += 1;
    next();
    expect(runs.calls).toBe(2);
  });

  it('asks again after 5 s even when no time has passed (a scheduler that starts later)', () => {
    let now = Date.parse('2026-11-20T12:00:00.000Z');
    const runs = counting({});
    const next = cachedNextRuns(runs, () => new Date(now));
    next();
    now += 4_999;
    next();
    expect(runs.calls).toBe(1);
    now += 1;
    next();
    expect(runs.calls).toBe(2);
  });
});
