// `iso20k demo` as a user runs it (what `npm start` runs): the whole loop against the embedded simulator,
// from the first sync to tickets created, fixed data resolving them, and the skips of a missing kind.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('iso20k demo', () => {
  it('syncs, finds gaps in at least 15 clauses, raises tickets, resolves them when fixed, and shows skips', async () => {
    const run = await runCli(['demo', '--incidents', '1500']);
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    const checked = /(\d+) clauses checked by iso20000-1-2018: (\d+) with gaps/.exec(out);
    expect(Number(checked?.[2])).toBeGreaterThanOrEqual(15);
    const tickets = [
      ...out.matchAll(/Tickets: (\d+) created(?: \([^)]*\))?, (\d+) updated, (\d+) resolved/g),
    ];
    // The first run raises tickets in both simulated systems.
    expect(out).toMatch(
      /Tickets: \d+ created \(demo-snow-tickets \d+, demo-jira-tickets \d+\)|Tickets: \d+ created \(demo-jira-tickets \d+, demo-snow-tickets \d+\)/,
    );
    expect(tickets).toHaveLength(2);
    expect(Number(tickets[0]?.[1])).toBeGreaterThan(10);
    // The service desk's fix resolves the classification tickets on the next run.
    expect(Number(tickets[1]?.[3])).toBeGreaterThan(0);
    expect(out).toMatch(/incidents; the instance has [\d,]+: identical/);
    // Both simulated systems are polled and judged by the same controls, side by side.
    expect(out).toMatch(/demo-jira\s+incident\s+ok/);
    expect(out).toMatch(/control\s+demo-jira failed\/judged\s+demo-snow failed\/judged/);
    for (const family of ['IN', 'CH', 'SL', 'CF'])
      expect(out).toMatch(new RegExp(`\\n\\s+${family}\\d+-\\S+\\s+\\d+/\\d+\\s+\\d+/\\d+`));
    expect(out).toMatch(/controls skip; \d+ clauses are still judged from the incidents/);
    expect(out).toMatch(/skip: no (review|knowledge|service|change) records from any source/);
  }, 120_000);
});
