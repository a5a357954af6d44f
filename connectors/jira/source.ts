// A Jira Cloud or Data Center site as a source: one HTTP client for the site (and one for the Assets
// gateway, another origin in Cloud) shared by its streams; the user's time zone and the custom field ids
// are asked once per poll (check() starts every poll).
import type {
  CheckResult,
  HttpRetryEvent,
  Logger,
  SourceConnector,
  SourceStream,
} from '../../src/contracts/index.js';
import { AppError } from '../../src/contracts/index.js';
import { createHttpClient, type HttpClient } from '../../src/lib/http.js';
import { httpRetryReporter } from '../../src/lib/http-retry-reporter.js';
import { createAssetsClient } from './assets-client.js';
import { createAssetsStream, type AssetsStreamName } from './assets-stream.js';
import { authorizationHeader } from './auth.js';
import {
  ISSUE_STREAMS,
  IssueStreamOptionsSchema,
  type IssueStreamName,
  type JiraSourceConfig,
} from './config.js';
import { findField, missingFieldError, resolveFields, type ResolvedFields } from './field-discovery.js';
import { compileIssueMapper, type IssueMapper } from './issue-mapper.js';
import { createIssueStream } from './issue-stream.js';
import { quote, scopeJql } from './jql.js';
import { searchApiFor } from './search-api.js';
import { createSiteInfo, type SiteInfo } from './site.js';
import { createSlaStream } from './sla-stream.js';
import { explainCheckFailure } from './check-hints.js';

export interface JiraSourceDeps {
  log: Logger;
  now?: () => number;
  /** Called for each failed HTTP attempt that is retried, Assets requests included. */
  onHttpRetry?: (event: HttpRetryEvent) => void;
}

const DEFAULT_ISSUE_TYPES: Record<IssueStreamName, string[]> = {
  incident: ['Incident'],
  request: ['Service Request'],
  problem: ['Problem'],
  change: ['Change'],
  release: ['Release'],
  review: ['Review'],
};
/** Kinds read when the config does not list them; release and review need the site's own issue types. */
const ON_BY_DEFAULT = new Set<IssueStreamName>(['incident', 'request', 'problem', 'change']);

function datacenterAssetsError(instance: string): AppError {
  return new AppError(
    'SOURCE_NOT_FOUND',
    `${instance}: Assets on Jira Data Center is not supported (the source reads the Cloud Assets API, /jsm/assets/workspace/{id}/v1); set assets.enabled: false`,
    { details: { setting: 'assets.enabled' } },
  );
}

export function createJiraSource(config: JiraSourceConfig, deps: JiraSourceDeps): SourceConnector {
  const now = deps.now ?? Date.now;
  const instance = `jira source "${config.id}" (${config.url})`;
  const authorization = authorizationHeader(config.auth);
  const common = {
    instance,
    ...config.http,
    log: deps.log,
    authorize: () => Promise.resolve(authorization),
    onRetry: httpRetryReporter(config.id, deps),
  };
  const http: HttpClient = createHttpClient({ ...common, baseURL: config.url });
  const assetsHttp: HttpClient | undefined = config.assets.enabled
    ? createHttpClient({
        ...common,
        baseURL: config.assets.apiUrl,
        instance: `${instance} Assets (${config.assets.apiUrl})`,
      })
    : undefined;
  const search = searchApiFor(config.deployment, http);
  const site = createSiteInfo(http, instance, deps.log, search.apiBase);
  const siteInfo = (signal?: AbortSignal) => site.get(signal);
  const overlapMs = config.overlapMinutes * 60_000;

  const issueStreams = ISSUE_STREAMS.flatMap((name) => {
    const configured = config.streams[name];
    const options = configured ?? (ON_BY_DEFAULT.has(name) ? IssueStreamOptionsSchema.parse({}) : undefined);
    return options?.enabled === true ? [{ name, options }] : [];
  });

  let resolved: Promise<ResolvedFields> | undefined;
  const fieldsOf = async (site: SiteInfo) => {
    resolved ??= Promise.resolve().then(() => resolveFields(site.fields, config.fields, instance));
    try {
      return await resolved;
    } catch (error) {
      resolved = undefined;
      throw error;
    }
  };
  const scopeOf = (name: IssueStreamName, fields: ResolvedFields): string => {
    const options = config.streams[name] ?? IssueStreamOptionsSchema.parse({});
    return scopeJql({
      projects: options.projects ?? config.projects,
      issueTypes: options.issueTypes ?? (options.requestTypes.length > 0 ? [] : DEFAULT_ISSUE_TYPES[name]),
      requestTypes: options.requestTypes,
      requestTypeField: fields.requestType,
      jql: options.jql,
    });
  };
  // The mapper of each stream, compiled once the site's fields are known.
  const mappers = new Map<IssueStreamName, IssueMapper>();
  const prepare =
    (name: IssueStreamName, options: (typeof issueStreams)[number]['options']) =>
    async (signal: AbortSignal) => {
      const site = await siteInfo(signal);
      const fields = await fieldsOf(site);
      let mapper = mappers.get(name);
      if (mapper === undefined) {
        const extra: [string, string][] = options.extra.map((ref) => {
          const found = findField(site.fields, ref);
          if (found === undefined) throw missingFieldError(instance, ref, `streams.${name}.extra`);
          return [ref, found.id];
        });
        let reviewTypeField: string | undefined;
        if (name === 'review' && options.reviewType === undefined) {
          const ref = options.reviewTypeField;
          const found =
            ref === undefined
              ? fields.reviewType === undefined
                ? undefined
                : { id: fields.reviewType }
              : findField(site.fields, ref);
          if (ref !== undefined && found === undefined)
            throw missingFieldError(instance, ref, 'streams.review.reviewTypeField');
          reviewTypeField = found?.id;
        }
        mapper = compileIssueMapper({
          kind: name,
          source: config.id,
          siteUrl: config.url,
          fields,
          options,
          extra,
          reviewTypeField,
          changelog: options.changelog ?? name === 'incident',
        });
        mappers.set(name, mapper);
      }
      return { site, mapper, scope: scopeOf(name, fields) };
    };

  const streams: SourceStream[] = [];
  /** Each stream's JQL condition, for check() to try. */
  const scopes = new Map<string, (signal: AbortSignal) => Promise<string>>();
  for (const { name, options } of issueStreams) {
    const ready = prepare(name, options);
    streams.push(
      createIssueStream({
        name,
        search,
        pageSize: config.pageSize,
        overlapMs,
        changelog: options.changelog ?? name === 'incident',
        prepare: ready,
      }),
    );
    scopes.set(name, async (signal) => (await ready(signal)).scope);
  }

  const sla = config.streams.sla;
  const slaOn = sla?.enabled ?? true;
  const slaScopeOf = async (signal: AbortSignal) => {
    const site = await siteInfo(signal);
    const fields = await fieldsOf(site);
    if (sla?.projects !== undefined) return `project in (${sla.projects.map(quote).join(', ')})`;
    const parts = (['incident', 'request'] as const).map((name) => `(${scopeOf(name, fields)})`);
    return parts.join(' OR ');
  };
  if (slaOn) {
    streams.push(
      createSlaStream({
        http,
        search,
        source: config.id,
        siteUrl: config.url,
        pageSize: Math.min(config.pageSize, 100),
        overlapMs,
        concurrency: sla?.concurrency ?? 4,
        prepare: async (signal) => ({ site: await siteInfo(signal), scope: await slaScopeOf(signal) }),
      }),
    );
    scopes.set('sla', slaScopeOf);
  }

  const assetsClient =
    assetsHttp === undefined
      ? undefined
      : createAssetsClient({
          site: http,
          assets: assetsHttp,
          instance,
          configuredWorkspaceId: config.assets.workspaceId,
        });
  const assetAql = (name: AssetsStreamName): string => {
    const options = config.streams[name];
    if (options?.aql !== undefined) return options.aql;
    const services = config.assets.serviceObjectTypes.map(quote).join(', ');
    if (name === 'service')
      return `objectType IN (${(options?.objectTypes ?? config.assets.serviceObjectTypes).map(quote).join(', ')})`;
    return options?.objectTypes === undefined
      ? `objectType NOT IN (${services})`
      : `objectType IN (${options.objectTypes.map(quote).join(', ')})`;
  };
  if (assetsClient !== undefined) {
    for (const name of ['service', 'ci', 'ci_relation'] as const) {
      if (config.streams[name]?.enabled === false) continue;
      streams.push(
        createAssetsStream({
          name,
          client: assetsClient,
          aql: assetAql(name),
          pageSize: config.assets.pageSize,
          source: config.id,
          siteUrl: config.url,
          now,
        }),
      );
    }
  }

  return {
    id: config.id,
    type: 'jira',
    streams: () => streams,
    sweepIntervalMs: config.sweepIntervalHours * 3_600_000,

    async check(signal?: AbortSignal): Promise<CheckResult> {
      const s = signal ?? new AbortController().signal;
      // Data Center's Assets (Insight) has another API, /rest/insight/1.0 or /rest/assets/1.0: what this
      // source reads (workspace discovery, the /jsm/assets/.../v1 gateway) exists in Cloud only.
      if (config.deployment === 'datacenter' && assetsClient !== undefined)
        return { ok: false, error: datacenterAssetsError(instance) };
      // Every poll starts here: learn the time zone and the fields again (an admin may have changed them).
      site.reset();
      resolved = undefined;
      mappers.clear();
      let step = 'site';
      try {
        // The user and the field list prove the URL and the credentials, and find the custom fields.
        await fieldsOf(await siteInfo(s));
        for (const [name, scope] of scopes) {
          step = name;
          await search.probe(await scope(s), s);
        }
        if (slaOn) {
          // SLAs need Jira Service Management; without it every SLA request would be a silent 404.
          step = 'jsm';
          await http.request({
            method: 'GET',
            url: '/rest/servicedeskapi/servicedesk',
            params: { limit: 1 },
            signal: s,
          });
        }
        if (assetsClient !== undefined) {
          step = 'assets';
          for await (const _page of assetsClient.search(assetAql('ci'), {
            pageSize: 1,
            attributes: false,
            signal: s,
          }))
            break;
        }
      } catch (error) {
        const appError =
          error instanceof AppError ? error : new AppError('INTERNAL', String(error), { cause: error });
        return { ok: false, error: explainCheckFailure(appError, step, config) };
      }
      return {
        ok: true,
        detail: `${scopes.size} issue scopes searchable${assetsClient === undefined ? '' : ', Assets readable'}`,
      };
    },

    close(): Promise<void> {
      http.close();
      assetsHttp?.close();
      return Promise.resolve();
    },
  };
}
