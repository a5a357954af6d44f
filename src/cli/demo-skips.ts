// The demo's last step: the same pack over incidents alone, as from an organisation whose only source is
// its service desk. Controls of every other kind skip and say why; none of them passes on missing data.
import { compilePack, evaluatePack, loadPack, type Result } from '../engine/index.js';
import type { CanonicalRecord, RecordKind } from '../contracts/index.js';

export async function skipsWithIncidentsOnly(
  packDir: string,
  incidents: readonly CanonicalRecord[],
  now: Date,
): Promise<string[]> {
  const { pack } = await loadPack(packDir);
  if (pack === undefined) return [];
  const evaluation = evaluatePack(
    compilePack(pack),
    (kind: RecordKind) => (kind === 'incident' ? incidents : []),
    now,
  );
  const skipped = evaluation.results.filter((r: Result) => r.status === 'skip' && r.subject === 'all');
  const byReason = new Map<string, Set<string>>();
  for (const result of skipped) {
    let clauses = byReason.get(result.reason);
    if (clauses === undefined) byReason.set(result.reason, (clauses = new Set()));
    for (const clause of result.clauses) clauses.add(clause);
  }
  const judged = evaluation.clauses.filter((c) => c.status === 'ok' || c.status === 'alarm').length;
  const lines = [
    `${skipped.length} of ${pack.controls.length} controls skip; ${judged} clauses are still judged from the incidents.`,
  ];
  for (const [reason, clauses] of [...byReason].sort((a, b) => b[1].size - a[1].size).slice(0, 6)) {
    lines.push(
      `   skip: ${reason} (clauses ${[...clauses].sort().slice(0, 6).join(', ')}${clauses.size > 6 ? ', ...' : ''})`,
    );
  }
  return lines;
}
