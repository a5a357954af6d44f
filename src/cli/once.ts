// `iso20k once`: one poll of every configured source, a table per stream, an exit code that says how it went.
import type { Command } from 'commander';
import { connectorSchemas } from '../../connectors/index.js';
import { AppError } from '../contracts/index.js';
import { loadConfig } from '../settings/load.js';
import type { CliContext } from './context.js';
import { reportError, shutdownSignal } from './fail.js';
import { runPollCommand } from './poll-command.js';

export function registerOnceCommand(program: Command, ctx: CliContext): void {
  program
    .command('once')
    .description(
      'poll every configured source once, print a table per stream, and exit (0 ok, 1 failed, 2 bad config, 3 unreachable)',
    )
    .option('-c, --config <file>', 'configuration file (default: $ISO20K_CONFIG)')
    .option('--data-dir <dir>', 'override dataDir from the configuration')
    .action(async (options: { config?: string; dataDir?: string }) => {
      const shutdown = shutdownSignal();
      try {
        const file = options.config ?? ctx.env['ISO20K_CONFIG'];
        if (file === undefined || file === '') {
          throw new AppError(
            'USAGE',
            'no configuration: pass --config FILE or set ISO20K_CONFIG (or run `iso20k demo`)',
          );
        }
        const config = await loadConfig(file, { env: ctx.env, ...connectorSchemas() });
        if (options.dataDir !== undefined) config.dataDir = options.dataDir;
        const { exitCode } = await runPollCommand(config, ctx, { trigger: 'cli', signal: shutdown.signal });
        ctx.setExitCode(exitCode);
      } catch (error) {
        reportError(error, ctx);
      } finally {
        shutdown.dispose();
      }
    });
}
