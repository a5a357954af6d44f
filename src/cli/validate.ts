// `iso20k validate`: loads the configuration and runs each check on it; exit 0 when all pass, 2 with one
// line per problem otherwise. Checks are a list so that mapping-pack validation can be appended.
import type { Command } from 'commander';
import { connectorSchemas } from '../../connectors/index.js';
import { AppError, isAppError } from '../contracts/index.js';
import { loadConfig } from '../settings/load.js';
import type { AppConfig } from '../settings/schema.js';
import type { CliContext } from './context.js';
import { reportError } from './fail.js';
import { validatePack } from './validate-pack.js';

export interface ValidateInput {
  config: AppConfig;
  /** The configuration file as the user named it. */
  configFile: string;
  ctx: CliContext;
}

/** One check of `iso20k validate`: resolves to its summary line, or throws an AppError. */
export type ValidateCheck = (input: ValidateInput) => Promise<string>;

/** `config ok: 2 sources (servicenow: snow-prod, snow-dev), data dir ./data` */
export function summarizeConfig(config: AppConfig): string {
  const byType = new Map<string, string[]>();
  for (const source of config.sources) {
    const label = source.enabled ? source.id : `${source.id} (disabled)`;
    byType.set(source.type, [...(byType.get(source.type) ?? []), label]);
  }
  const groups = [...byType].map(([type, ids]) => `${type}: ${ids.join(', ')}`).join('; ');
  const count = config.sources.length;
  const sinks = config.tickets.sinks.map((s) => `${s.type}: ${s.id}${s.enabled ? '' : ' (disabled)'}`);
  const tickets =
    sinks.length === 0
      ? ''
      : `, ${sinks.length} ticket sink${sinks.length === 1 ? '' : 's'} (${sinks.join('; ')})${config.tickets.enabled ? '' : ' (tickets off)'}`;
  return `config ok: ${count} source${count === 1 ? '' : 's'} (${groups})${tickets}, data dir ${config.dataDir}`;
}

/** The checks after the config itself; mapping packs join here. */
export function defaultChecks(): ValidateCheck[] {
  return [validatePack];
}

function printFailure(error: unknown, ctx: CliContext): void {
  const problems = isAppError(error) ? error.details['problems'] : undefined;
  if (isAppError(error) && Array.isArray(problems) && problems.length > 0) {
    // The message is already the `file:line:col path: message` lines.
    ctx.err(error.message);
    ctx.setExitCode(error.exitCode);
  } else {
    reportError(error, ctx);
  }
}

export async function runValidate(
  configFile: string,
  ctx: CliContext,
  checks: readonly ValidateCheck[],
): Promise<boolean> {
  let config: AppConfig;
  try {
    config = await loadConfig(configFile, { env: ctx.env, ...connectorSchemas() });
  } catch (error) {
    printFailure(error, ctx);
    return false;
  }
  const lines = [summarizeConfig(config)];
  let ok = true;
  // Every check runs even after one fails, so one invocation lists everything to fix.
  for (const check of checks) {
    try {
      lines.push(await check({ config, configFile, ctx }));
    } catch (error) {
      printFailure(error, ctx);
      ok = false;
    }
  }
  if (ok) ctx.out(lines.join('\n'));
  return ok;
}

export function registerValidateCommand(
  program: Command,
  ctx: CliContext,
  checks: readonly ValidateCheck[] = defaultChecks(),
): void {
  program
    .command('validate')
    .description('check the configuration without contacting any system; exit 0 ok, 2 invalid')
    .option('-c, --config <file>', 'configuration file (default: $ISO20K_CONFIG)')
    .action(async (options: { config?: string }) => {
      const file = options.config ?? ctx.env['ISO20K_CONFIG'];
      if (file === undefined || file === '') {
        printFailure(new AppError('USAGE', 'no configuration: pass --config FILE or set ISO20K_CONFIG'), ctx);
        return;
      }
      if (await runValidate(file, ctx, checks)) ctx.setExitCode(0);
    });
}
