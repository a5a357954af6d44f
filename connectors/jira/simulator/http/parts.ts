// What every route of one simulator shares: data, clock, accounts, faults and counters. Passed explicitly;
// the simulator has no module-level state.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JiraRequestCounters } from '../counters.js';
import type { JiraFaultInjector } from '../faults.js';
import type { IssueStore } from '../issue-store.js';
import type { SimAsset } from '../model.js';
import type { SimAccount } from '../options.js';

export interface JiraSimParts {
  store: IssueStore;
  assets: SimAsset[];
  workspaceId: string;
  accounts: SimAccount[];
  /** accountId of each account, by e-mail. */
  accountIds: Map<string, string>;
  faults: JiraFaultInjector;
  counters: JiraRequestCounters;
  now: () => number;
  searchLagMs: () => number;
  tokenTtlMs: () => number;
  jsm: boolean;
  /** Which product the site plays: Cloud (REST v3, enhanced search) or Data Center (REST v2 only). */
  deployment: 'cloud' | 'datacenter';
  /** Whether the site has Assets (JSM Premium or Enterprise). */
  assetsEnabled: boolean;
  /** Called before each search page is answered (mutations while a client pages). */
  beforeSearchPage: () => void;
  /** The account a request authenticated as (set by the auth hook). */
  accountOf: WeakMap<FastifyRequest, SimAccount>;
}

/** The site's base URL as the client called it (links in answers point back to it). */
export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

/** Jira's error envelope. */
export function jiraError(
  reply: FastifyReply,
  status: number,
  messages: string[],
  errors: Record<string, string> = {},
) {
  return reply.code(status).type('application/json;charset=UTF-8').send({ errorMessages: messages, errors });
}

export function accountOf(parts: JiraSimParts, request: FastifyRequest): SimAccount {
  const account = parts.accountOf.get(request);
  if (account === undefined) throw new Error('the auth hook did not run');
  return account;
}

/** Project keys an account may see. */
export function visibleProjects(account: SimAccount, all: readonly string[]): Set<string> {
  return new Set(account.projects === undefined ? all : all.filter((k) => account.projects!.includes(k)));
}
