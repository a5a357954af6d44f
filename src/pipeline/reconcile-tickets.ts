// Rebuilds missing ledger entries from the sinks. Every ticket we write carries its ticket id on the
// remote side, so when state.json is lost (or a create's answer never arrived) the next run finds the
// tickets that exist and updates them instead of creating duplicates.
import type { Finding } from '../contracts/findings.js';
import type { TicketEntry } from '../contracts/ticket-ledger.js';
import type { RemoteTicket, SinkConnector } from '../contracts/tickets.js';
import type { TicketsConfig } from '../settings/schema.js';
import { contentRevision } from './ticket-content.js';
import { groupFindings, severityAtLeast, type FindingDetail } from './ticket-groups.js';

export interface ReconcileResult {
  ledger: Record<string, TicketEntry>;
  /** Entries added or completed from the remote side. */
  recovered: string[];
  /** Our tickets on the remote side that match no gap we know of (left as they are). */
  unmatched: number;
  /**
   * Sinks whose listing failed this time. Nothing is lost by going on without it: a create still looks
   * its ticket up first, and the next run lists again.
   */
  unlisted: { sink: string; error: unknown }[];
}

const GENERATION = /^([0-9a-f]{16})(?:-([1-9][0-9]*))?$/;

export async function reconcileTickets(
  ledger: Readonly<Record<string, TicketEntry>>,
  sinks: readonly SinkConnector[],
  findings: Readonly<Record<string, Finding>>,
  details: ReadonlyMap<string, FindingDetail>,
  config: TicketsConfig,
  now: Date,
  signal?: AbortSignal,
): Promise<ReconcileResult> {
  const out: Record<string, TicketEntry> = { ...ledger };
  const known = new Set(Object.values(ledger).flatMap((e) => (e.ref === null ? [] : [e.ticketId])));
  // Every group any finding of the ledger (open or not) would fall in, by its base ticket id.
  const groups = groupFindings(Object.values(findings), config.grouping, details);
  const byBase = new Map([...groups.values()].map((g) => [g.baseTicketId, g]));
  const result: ReconcileResult = { ledger: out, recovered: [], unmatched: 0, unlisted: [] };

  for (const sink of sinks) {
    try {
      await listInto(sink);
    } catch (error) {
      result.unlisted.push({ sink: sink.id, error });
    }
  }
  return result;

  async function listInto(sink: SinkConnector): Promise<void> {
    for await (const remote of sink.list(signal)) {
      if (known.has(remote.ticketId)) continue;
      const parsed = GENERATION.exec(remote.ticketId);
      const group = parsed === null ? undefined : byBase.get(parsed[1] ?? '');
      if (group === undefined) {
        result.unmatched++;
        continue;
      }
      const generation = Number(parsed?.[2] ?? 0);
      const existing = out[group.key];
      if (existing !== undefined && existing.ref !== null && existing.generation >= generation) continue;
      out[group.key] = recoveredEntry(remote, group, generation, existing, config, now);
      result.recovered.push(remote.ticketId);
    }
  }
}

function recoveredEntry(
  remote: RemoteTicket,
  group: ReturnType<typeof groupFindings> extends Map<string, infer G> ? G : never,
  generation: number,
  existing: TicketEntry | undefined,
  config: TicketsConfig,
  now: Date,
): TicketEntry {
  // The same findings the plan puts in a ticket, so that an unchanged ticket needs no update.
  const open = group.findings.filter(
    (f) => f.status === 'open' && severityAtLeast(f.severity, config.minSeverity),
  );
  const revision = contentRevision({ ...group, findings: open });
  const at = now.toISOString();
  return {
    ticketId: remote.ticketId,
    group: group.label,
    route: existing?.route ?? { sink: remote.ref.sink },
    ref: remote.ref,
    status: remote.open ? 'open' : 'resolved',
    revision: remote.revision,
    // The ticket lists what its revision says; when that is today's, nothing needs saying again.
    fingerprints: remote.revision === revision ? open.map((f) => f.fingerprint).sort() : [],
    createStartedAt: null,
    generation,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
}
