// One ticket cycle as a run does it (judge the cached records, then plan and, unless dry, push), for the
// end-to-end ticket tests of both sinks.
import path from 'node:path';
import type { SinkConnector } from '../../src/contracts/index.js';
import { assess } from '../../src/pipeline/assess.js';
import { runTickets, type TicketRun } from '../../src/pipeline/tickets.js';
import { MappingsConfigSchema } from '../../src/settings/schema.js';
import { ticketsConfigSchema, type TicketsConfig } from '../../src/settings/tickets.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { openStateStore } from '../../src/state/state-store.js';
import { silentLog } from './servicenow-sync.js';

const PACK = path.resolve('mappings/iso20000-1-2018');

/** Ticket settings as a config would give them, with a budget large enough not to hold creates back. */
export function ticketSettings(over: Record<string, unknown> = {}): TicketsConfig {
  return ticketsConfigSchema({}).parse({ maxNewPerRun: 1000, ...over });
}

export interface CycleOptions {
  dir: string;
  sink: SinkConnector;
  config?: TicketsConfig;
  /** Plan only: judge without saving, push nothing. */
  dryRun?: boolean;
  now?: Date;
}

export async function ticketCycle(options: CycleOptions): Promise<TicketRun> {
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const config = options.config ?? ticketSettings();
  const state = await openStateStore({ dataDir: options.dir });
  try {
    const assessment = await assess({
      cache: createRecordCache({ dir: options.dir }),
      state,
      packDir: PACK,
      mappings: MappingsConfigSchema.parse({}),
      log: silentLog,
      now,
      save: !dryRun,
    });
    return await runTickets({
      assessment,
      state,
      sinks: [options.sink],
      config: {
        ...config,
        sinks: [{ id: options.sink.id, type: options.sink.type, enabled: true, http: {} as never }],
      },
      now: () => now,
      log: silentLog,
      dryRun,
    });
  } finally {
    await state.close();
  }
}
