// What the HTTP routes of one simulator share, plus the per-request lookups every table route starts with.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthRegistry, SimUser } from '../auth.js';
import type { SimClock } from '../clock.js';
import type { RequestCounters } from '../counters.js';
import type { FaultInjector } from '../faults.js';
import type { Mutator } from '../mutations.js';
import type { Random } from '../random.js';
import type { Database, ServedTable } from '../store/database.js';
import { invalidTable, noResource, notAuthorized } from './envelope.js';

export interface SimulatorParts {
  readonly db: Database;
  readonly clock: SimClock;
  readonly auth: AuthRegistry;
  readonly faults: FaultInjector;
  readonly counters: RequestCounters;
  readonly mutator: Mutator;
  /** sys_ids of records created through the API. */
  readonly writeRng: Random;
  /** Instance URL for links; undefined = from the request. */
  readonly baseUrl: string | undefined;
  /** The authenticated user of each request (set by the auth hook). */
  readonly users: WeakMap<FastifyRequest, SimUser>;
}

export interface TableRouteParams {
  version?: string;
  table: string;
  sys_id?: string;
}

export type TableRequest = FastifyRequest<{ Params: TableRouteParams }>;

/** The instance root as callers see it, e.g. http://127.0.0.1:41234. */
export function instanceUrl(parts: SimulatorParts, request: FastifyRequest): string {
  return parts.baseUrl ?? `${request.protocol}://${request.host}`;
}

/** "<instance>/api/now[/v2]/" as called, so links keep the caller's API version. */
export function apiRoot(parts: SimulatorParts, request: TableRequest): string {
  const v = request.params.version;
  return `${instanceUrl(parts, request)}/api/now/${v === undefined ? '' : `${v}/`}`;
}

/**
 * The served table of a request after the checks the platform makes: a known API version, a known
 * table, and the user's API-level ACL. Sends the error and returns undefined when one fails.
 */
export function tableFor(
  parts: SimulatorParts,
  request: TableRequest,
  reply: FastifyReply,
): ServedTable | undefined {
  const { version, table: name } = request.params;
  if (version !== undefined && version !== 'v1' && version !== 'v2') {
    noResource(reply);
    return undefined;
  }
  const table = parts.db.table(name);
  if (!table) {
    invalidTable(reply, name);
    return undefined;
  }
  if (parts.users.get(request)?.deniedTables.has(name)) {
    notAuthorized(reply);
    return undefined;
  }
  return table;
}
