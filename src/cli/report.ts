// `iso20k report`: the auditor's evidence pack from the record cache and state of the configured data
// directory, as HTML, Markdown, CSV or JSON, to --out or standard output. Exit 0 written, 2 bad usage,
// config or mappings, 3 data directory unreadable, 1 anything else.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { connectorSchemas } from '../../connectors/index.js';
import { AppError, EXIT, isAppError } from '../contracts/index.js';
import { loadReport } from '../report/load-report.js';
import { renderReport, type EvidenceReport } from '../report/index.js';
import { loadConfig } from '../settings/load.js';
import type { AppConfig } from '../settings/schema.js';
import { acquireDataDirLock, type DataDirLock } from '../state/data-dir-lock.js';
import { createRecordCache } from '../state/record-cache.js';
import { openStateStore } from '../state/state-store.js';
import type { CliContext } from './context.js';
import { reportError } from './fail.js';
import { packDirOf } from './pack-location.js';
import { projectRoot } from './project-root.js';
import { parseReportOptions, type RawReportOptions, type ReportOptions } from './report-options.js';

/** Marks an error met while reading the data directory: the CLI exits 3 for it. */
const UNREADABLE = 'unreadableDataDir';

export function registerReportCommand(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description(
      'write the auditor evidence pack (exit 0 written, 2 bad usage or config, 3 data dir unreadable)',
    )
    .option('-f, --format <format>', 'html, md, csv or json', 'html')
    .option(
      '--period <FROM..TO>',
      'work records active in the period, by their own dates (docs/report.md), e.g. 2026-01-01..2026-03-31',
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--seed <n>', 'seed of the auditor sample (default: drawn at random and printed)')
    .option('-c, --config <file>', 'configuration file (default: $ISO20K_CONFIG)')
    .option('--data-dir <dir>', 'override dataDir from the configuration')
    .action(async (raw: RawReportOptions) => {
      try {
        const options = parseReportOptions(raw);
        const file = raw.config ?? ctx.env['ISO20K_CONFIG'];
        if (file === undefined || file === '') {
          throw new AppError('USAGE', 'no configuration: pass --config FILE or set ISO20K_CONFIG');
        }
        const config = await loadConfig(file, { env: ctx.env, ...connectorSchemas() });
        if (raw.dataDir !== undefined) config.dataDir = raw.dataDir;
        const report = await buildFromDataDir(config, options);
        const text = renderReport(report, options.format);
        if (options.out === undefined) ctx.out(text);
        else {
          await writeOut(options.out, text);
          ctx.out(summaryLine(report, options));
        }
        ctx.setExitCode(EXIT.ok);
      } catch (error) {
        reportError(error, ctx);
        if (isAppError(error) && error.details[UNREADABLE] !== undefined) ctx.setExitCode(EXIT.unreachable);
      }
    });
}

async function buildFromDataDir(config: AppConfig, options: ReportOptions): Promise<EvidenceReport> {
  const dataDir = path.resolve(config.dataDir);
  const common = {
    packDir: packDirOf(config),
    mappings: config.mappings,
    period: options.period,
    seed: options.seed,
    now: new Date(),
    tool: { name: 'iso20k', version: await toolVersion() },
    sourceTypes: Object.fromEntries(config.sources.map((s) => [s.id, s.type])),
  };
  if (!(await dataDirExists(dataDir))) {
    // Nothing polled yet: the report says so rather than creating a data directory as a side effect.
    return loadReport({ ...common, cache: createRecordCache({ dir: dataDir }), state: null });
  }
  // Reading the cache tidies stale journal files, so it takes the writer's lock like `once` does.
  const lock = await lockWhenFree(dataDir);
  try {
    const state = await openStateStore({ dataDir }).catch((error: unknown) => {
      throw unreadable(error, dataDir);
    });
    try {
      return await loadReport({
        ...common,
        cache: createRecordCache({ dir: dataDir }),
        state: state.data,
      }).catch((error: unknown) => {
        throw isAppError(error) && error.code === 'STATE_IO' ? unreadable(error, dataDir) : error;
      });
    } finally {
      await state.close();
    }
  } finally {
    await lock.release();
  }
}

/** How long a report waits for another short-lived holder (another report, a `once`) to finish. */
const LOCK_WAIT_MS = 20_000;
const LOCK_RETRY_MS = 150;

async function lockWhenFree(dataDir: string): Promise<DataDirLock> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await acquireDataDirLock(dataDir);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'STATE_LOCKED') throw unreadable(error, dataDir);
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}

async function dataDirExists(dataDir: string): Promise<boolean> {
  try {
    await readdir(dataDir);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw unreadable(error, dataDir);
  }
}

function unreadable(error: unknown, dataDir: string): unknown {
  if (isAppError(error) && error.code !== 'STATE_IO') return error;
  const detail = error instanceof Error ? error.message : String(error);
  const message = isAppError(error) ? error.message : `Cannot read the data directory ${dataDir}: ${detail}`;
  return new AppError('STATE_IO', message, { cause: error, details: { path: dataDir, [UNREADABLE]: true } });
}

async function writeOut(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('USAGE', `--out ${file}: cannot write the report (${detail})`, { cause: error });
  }
}

async function toolVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(
      await readFile(path.join(projectRoot(import.meta.url), 'package.json'), 'utf8'),
    ) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function summaryLine(report: EvidenceReport, options: ReportOptions): string {
  const s = report.summary;
  const reproduce = options.seedDrawn ? ` (pass --seed ${options.seed} to draw the same sample again)` : '';
  return (
    `wrote the ${options.format} evidence pack to ${options.out ?? '-'}: ${report.generation.recordsTotal} records, ` +
    `${s.clauses.alarm} clauses with gaps, ${s.clauses.ok} ok, ${s.clauses.skip} skipped, ${s.clauses.manual} manual; ` +
    `sample seed ${options.seed}${reproduce}`
  );
}
