// `iso20k import`: reads one export file (ServiceNow CSV/JSON/XML, Jira CSV, or any CSV with a mapping
// file) into the record cache, prints a summary, and exits 0 ok, 2 bad mapping or file, 3 file unreadable.
import type { Command } from 'commander';
import { sourceConfigSchemas } from '../../connectors/index.js';
import { AppError, RecordKindSchema, RECORD_KINDS, SourceIdSchema } from '../contracts/index.js';
import { loadConfig } from '../settings/load.js';
import type { CliContext } from './context.js';
import { reportError, shutdownSignal } from './fail.js';
import { resolveMapping } from './import-mapping.js';
import { runImport } from './import-run.js';
import { renderImportSummary } from './import-summary.js';
import { createProgressLine } from './progress.js';

interface ImportOptions {
  file: string;
  kind: string;
  mapping: string;
  source?: string;
  format?: string;
  config?: string;
  dataDir?: string;
  replace?: boolean;
}

export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'import an export file into the record cache (exit 0 ok, 2 bad mapping or file, 3 file unreadable)',
    )
    .requiredOption('-f, --file <file>', 'the export: .csv, .tsv, .json or .xml, optionally .gz')
    .requiredOption('-k, --kind <kind>', `the records it holds: ${RECORD_KINDS.join(', ')}`)
    .requiredOption('-m, --mapping <file>', 'a mapping file (YAML), or a preset: servicenow, jira')
    .option('-s, --source <id>', "the source id the records belong to (default: the mapping's `source`)")
    .option('--format <format>', 'csv, json or xml (default: from the mapping, else the file extension)')
    .option('-c, --config <file>', 'configuration file, for dataDir and log level (default: $ISO20K_CONFIG)')
    .option('--data-dir <dir>', 'the data directory (overrides the configuration; default ./data)')
    .option(
      '--replace',
      'the file is a complete export: remove cached records of this source and kind that it no longer holds',
    )
    .action(async (options: ImportOptions) => {
      const shutdown = shutdownSignal();
      const progress = createProgressLine((text) => process.stderr.write(text), ctx.isTTY);
      try {
        const kind = RecordKindSchema.safeParse(options.kind);
        if (!kind.success)
          throw new AppError(
            'USAGE',
            `unknown kind "${options.kind}"; use one of ${RECORD_KINDS.join(', ')}`,
          );
        const format = options.format;
        if (format !== undefined && !['csv', 'json', 'xml'].includes(format))
          throw new AppError('USAGE', `unknown format "${format}"; use csv, json or xml`);
        const loaded = await resolveMapping(options.mapping, kind.data);
        const source = options.source ?? loaded.mapping.source;
        if (source === undefined)
          throw new AppError(
            'USAGE',
            'name the source the records belong to: --source ID, or `source:` in the mapping',
          );
        const sourceId = SourceIdSchema.safeParse(source);
        if (!sourceId.success)
          throw new AppError(
            'USAGE',
            `--source "${source}": ${sourceId.error.issues[0]?.message ?? 'invalid'}`,
          );
        const { dataDir, logLevel } = await dataDirAndLog(options, ctx);
        const result = await runImport({
          file: options.file,
          kind: kind.data,
          source: sourceId.data,
          loaded,
          dataDir,
          logLevel,
          signal: shutdown.signal,
          ...(format === undefined ? {} : { format: format as 'csv' | 'json' | 'xml' }),
          ...(options.replace === true ? { replace: true } : {}),
          onProgress: (p) => progress.update(p),
        });
        progress.done();
        ctx.out(renderImportSummary(options.file, result.report, result.outcome));
        if (result.outcome.error !== undefined) reportError(result.outcome.error, ctx);
        ctx.setExitCode(result.exitCode);
      } catch (error) {
        progress.done();
        reportError(error, ctx);
      } finally {
        shutdown.dispose();
      }
    });
}

/** The data directory and log level: --data-dir, else the configuration's, else ./data. */
async function dataDirAndLog(
  options: ImportOptions,
  ctx: CliContext,
): Promise<{ dataDir: string; logLevel: string }> {
  const file = options.config ?? ctx.env['ISO20K_CONFIG'];
  if (file === undefined || file === '') return { dataDir: options.dataDir ?? './data', logLevel: 'info' };
  const config = await loadConfig(file, { env: ctx.env, sourceSchemas: sourceConfigSchemas() });
  return { dataDir: options.dataDir ?? config.dataDir, logLevel: config.log.level };
}
