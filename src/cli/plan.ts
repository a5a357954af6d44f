// `iso20k plan`: judges the cached records and prints what the next run would do to the tickets, in
// every sink ("would create 12, update 3, resolve 5"), without writing anything anywhere.
import path from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { connectorSchemas } from '../../connectors/index.js';
import { AppError } from '../contracts/index.js';
import { collectSecrets, createSinks } from '../app.js';
import { createLogger } from '../lib/log.js';
import { assess } from '../pipeline/assess.js';
import { runTickets } from '../pipeline/tickets.js';
import { loadConfig } from '../settings/load.js';
import { acquireDataDirLock } from '../state/data-dir-lock.js';
import { keepOpen } from '../state/keep-open.js';
import { createRecordCache } from '../state/record-cache.js';
import { openStateStore } from '../state/state-store.js';
import type { CliContext } from './context.js';
import { reportError, shutdownSignal } from './fail.js';
import { packDirOf } from './pack-location.js';
import { renderTicketRun } from './render-tickets.js';

/** Actions listed one by one; a bigger plan is summarised. */
const LISTED = 30;

export function registerPlanCommand(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description('show what the next run would change in the ticket sinks, and write nothing')
    .option('-c, --config <file>', 'configuration file (default: $ISO20K_CONFIG)')
    .option('--data-dir <dir>', 'override dataDir from the configuration')
    .action(async (options: { config?: string; dataDir?: string }) => {
      const shutdown = shutdownSignal();
      try {
        const file = options.config ?? ctx.env['ISO20K_CONFIG'];
        if (file === undefined || file === '')
          throw new AppError('USAGE', 'no configuration: pass --config FILE or set ISO20K_CONFIG');
        const config = await loadConfig(file, { env: ctx.env, ...connectorSchemas() });
        if (options.dataDir !== undefined) config.dataDir = options.dataDir;
        const dataDir = path.resolve(config.dataDir);
        const lock = await acquireDataDirLock(dataDir);
        const log = createLogger({
          level: config.log.level,
          destination: pino.destination({ dest: path.join(dataDir, 'iso20k.log'), mkdir: true, sync: true }),
          secrets: collectSecrets([config.sources, config.tickets.sinks]),
        });
        const state = await openStateStore({ dataDir });
        const cache = keepOpen(createRecordCache({ dir: dataDir, log }));
        const sinks = createSinks(config, { log });
        try {
          if (sinks.length === 0) {
            ctx.out('No ticket sink is configured (tickets.sinks), so no run would write a ticket.');
            return;
          }
          const now = new Date();
          const assessment = await assess({
            cache,
            state,
            packDir: packDirOf(config),
            mappings: config.mappings,
            log,
            now,
            save: false,
          });
          const run = await runTickets({
            assessment,
            state,
            sinks,
            config: config.tickets,
            now: () => now,
            log,
            dryRun: true,
            signal: shutdown.signal,
          });
          for (const action of run.plan.actions.slice(0, LISTED)) {
            ctx.out(
              `  ${action.type.padEnd(7)} ${action.route.sink}  ${action.ref?.key ?? '(new)'}  ${action.content.summary}`,
            );
          }
          if (run.plan.actions.length > LISTED) ctx.out(`  ... and ${run.plan.actions.length - LISTED} more`);
          ctx.out(renderTicketRun(run, config.tickets));
        } finally {
          await cache.closeAll();
          await Promise.all(sinks.map((s) => s.close?.() ?? Promise.resolve()));
          await state.close();
          await lock.release();
        }
      } catch (error) {
        reportError(error, ctx);
      } finally {
        shutdown.dispose();
      }
    });
}
