// What a source learns about the site once per poll: the API user's time zone (JQL dates are read in it)
// and the site's field list (custom field ids by name). Asked lazily, shared by every stream, asked again
// after a failure or a reset.
import type { Logger } from '../../src/contracts/index.js';
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import type { JiraFieldInfo } from './field-discovery.js';
import { obj, str } from './issue-values.js';
import { isKnownTimeZone } from './time-zone.js';

export interface SiteInfo {
  /** An IANA zone Intl knows; UTC when the site's zone is unknown here (see extraOverlapMs). */
  timeZone: string;
  /** Added to the overlap when the user's zone had to be replaced by UTC: the widest UTC offset. */
  extraOverlapMs: number;
  accountId: string | null;
  fields: JiraFieldInfo[];
}

const WIDEST_OFFSET_MS = 14 * 3_600_000;

/** `apiBase`: /rest/api/3 in Cloud, /rest/api/2 in Data Center (which has no v3). */
export function createSiteInfo(
  http: HttpClient,
  instance: string,
  log: Logger,
  apiBase: '/rest/api/3' | '/rest/api/2' = '/rest/api/3',
) {
  let pending: Promise<SiteInfo> | undefined;

  async function load(signal?: AbortSignal): Promise<SiteInfo> {
    const [myself, fieldList] = await Promise.all([
      http.request<unknown>({
        method: 'GET',
        url: `${apiBase}/myself`,
        ...(signal === undefined ? {} : { signal }),
      }),
      http.request<unknown>({
        method: 'GET',
        url: `${apiBase}/field`,
        ...(signal === undefined ? {} : { signal }),
      }),
    ]);
    const me = obj(myself.data);
    if (me === undefined || !Array.isArray(fieldList.data)) {
      throw new AppError(
        'SOURCE_BAD_RESPONSE',
        `${instance}: ${apiBase}/myself or ${apiBase}/field did not answer as Jira does`,
        { retryable: false },
      );
    }
    const zone = str(me['timeZone']) ?? 'UTC';
    const known = isKnownTimeZone(zone);
    if (!known)
      log.warn(
        { timeZone: zone },
        'the API user time zone is unknown here: reading JQL dates as UTC with a 14 h wider overlap',
      );
    const fields: JiraFieldInfo[] = [];
    for (const f of fieldList.data) {
      const id = str(obj(f)?.['id']);
      const name = str(obj(f)?.['name']);
      if (id !== null && name !== null) fields.push({ id, name });
    }
    return {
      timeZone: known ? zone : 'UTC',
      extraOverlapMs: known ? 0 : WIDEST_OFFSET_MS,
      // Data Center users have a key and a name instead of an accountId.
      accountId: str(me['accountId']) ?? str(me['key']),
      fields,
    };
  }

  return {
    get(signal?: AbortSignal): Promise<SiteInfo> {
      pending ??= load(signal).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    /** Forgets what was learnt: the next get() asks the site again (each poll starts with check()). */
    reset(): void {
      pending = undefined;
    },
  };
}
