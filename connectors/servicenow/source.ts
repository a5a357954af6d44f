// A ServiceNow instance as a source: one HTTP client (keep-alive, retries, auth) shared by its streams.
import type { CheckResult, SourceConnector, SourceStream } from '../../src/contracts/index.js';
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import { createInstanceClient, type ServiceNowDeps } from './instance-client.js';
import type { ServiceNowSourceConfig, ServiceNowStreamName, StreamOptions } from './config.js';
import { SERVICENOW_STREAMS, StreamOptionsSchema } from './config.js';
import { compileRowMapper } from './row-mapper.js';
import { TABLE_SPECS } from './tables.js';
import { createTableStream } from './table-stream.js';

export type ServiceNowSourceDeps = ServiceNowDeps;

/** Streams read when the config names none: every kind but review, which needs a table of the organisation's. */
function enabledStreams(config: ServiceNowSourceConfig): [ServiceNowStreamName, StreamOptions][] {
  const result: [ServiceNowStreamName, StreamOptions][] = [];
  for (const name of SERVICENOW_STREAMS) {
    const configured = config.streams[name];
    const options = configured ?? (name === 'review' ? undefined : StreamOptionsSchema.parse({}));
    if (options?.enabled === true) result.push([name, options]);
  }
  return result;
}

export function createServiceNowSource(
  config: ServiceNowSourceConfig,
  deps: ServiceNowSourceDeps,
): SourceConnector {
  const now = deps.now ?? Date.now;
  const instance = `servicenow source "${config.id}" (${config.url})`;
  const http: HttpClient = createInstanceClient(config, instance, deps);

  const streams: SourceStream[] = enabledStreams(config).map(([name, options]) => {
    const spec = TABLE_SPECS[name];
    const table = options.table ?? spec.table;
    return createTableStream({
      name,
      spec,
      table,
      options,
      mapper: compileRowMapper(spec, options, { source: config.id, instanceUrl: config.url, table }),
      http,
      pageSize: config.pageSize,
      safetyLagSeconds: config.safetyLagSeconds,
      overlapSeconds: config.overlapSeconds,
      now,
    });
  });
  const tables = enabledStreams(config).map(([name, options]) => options.table ?? TABLE_SPECS[name].table);

  return {
    id: config.id,
    type: 'servicenow',
    streams: () => streams,
    sweepIntervalMs: config.sweepIntervalHours * 3_600_000,

    async check(signal?: AbortSignal): Promise<CheckResult> {
      // One row of each table proves the URL, the credentials and the read ACL in one request per table.
      for (const table of new Set(tables)) {
        try {
          await http.request({
            method: 'GET',
            url: `/api/now/table/${table}`,
            params: { sysparm_limit: 1, sysparm_fields: 'sys_id', sysparm_no_count: true },
            ...(signal === undefined ? {} : { signal }),
          });
        } catch (error) {
          const appError =
            error instanceof AppError ? error : new AppError('INTERNAL', String(error), { cause: error });
          return { ok: false, error: explain(appError, table) };
        }
      }
      return { ok: true, detail: `${tables.length} tables readable` };
    },

    close(): Promise<void> {
      http.close();
      return Promise.resolve();
    },
  };
}

/** Adds what the user should check to the generic HTTP message, now that we know which table was asked. */
function explain(error: AppError, table: string): AppError {
  const hint: Partial<Record<AppError['code'], string>> = {
    SOURCE_FORBIDDEN: `the account may not read table ${table}: grant it a role or ACL with read access`,
    SOURCE_BAD_REQUEST: `table ${table} may not exist on this instance (check the stream's table option)`,
    SOURCE_NOT_FOUND: 'the URL does not serve the Table API: check the instance URL',
    SOURCE_AUTH_FAILED: 'check the credentials in the environment variables the config names',
  };
  const extra = hint[error.code];
  return extra === undefined
    ? error
    : new AppError(error.code, `${error.message}; ${extra}`, {
        retryable: error.retryable,
        details: error.details,
      });
}
