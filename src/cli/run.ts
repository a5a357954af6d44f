// `iso20k run`: the service. Polls each source on its schedule, assesses, pushes gap tickets, serves the
// status API, and stops cleanly on SIGTERM or SIGINT (the run going finishes its page and commits).
import type { Command } from 'commander';
import { connectorSchemas } from '../../connectors/index.js';
import { AppError } from '../contracts/index.js';
import { loadConfig } from '../settings/load.js';
import type { CliContext } from './context.js';
import { reportError, shutdownSignal } from './fail.js';

export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('run as a service: poll on each source schedule, assess, push tickets, serve the status API')
    .option('-c, --config <file>', 'configuration file (default: $ISO20K_CONFIG)')
    .option('--data-dir <dir>', 'override dataDir from the configuration')
    .action(async (options: { config?: string; dataDir?: string }) => {
      const shutdown = shutdownSignal();
      try {
        const file = options.config ?? ctx.env['ISO20K_CONFIG'];
        if (file === undefined || file === '') {
          throw new AppError('USAGE', 'no configuration: pass --config FILE or set ISO20K_CONFIG');
        }
        const config = await loadConfig(file, { env: ctx.env, ...connectorSchemas() });
        if (options.dataDir !== undefined) config.dataDir = options.dataDir;
        // Loaded here, not at the top: the API, metrics and scheduler modules would slow every other command's start.
        const { runService } = await import('./run-service.js');
        ctx.setExitCode(await runService(config, ctx, shutdown.signal));
      } catch (error) {
        reportError(error, ctx);
      } finally {
        shutdown.dispose();
      }
    });
}
