// A small JSM Assets client (jira.js 5 has none): workspace discovery on the site, then AQL object search
// on the Assets base (https://api.atlassian.com/jsm/assets/workspace/{id}/v1 in Cloud, another origin than
// the site, hence its own HTTP client) paged with startAt/maxResults until isLast.
import { AppError } from '../../src/contracts/index.js';
import type { HttpClient } from '../../src/lib/http.js';
import { obj, str, type Json } from './issue-values.js';

export interface AqlPage {
  objects: Json[];
  /** Attribute id -> attribute name, from objectTypeAttributes. */
  attributeNames: Map<string, string>;
  last: boolean;
}

export interface AssetsClient {
  workspaceId(signal?: AbortSignal): Promise<string>;
  /** Pages of objects matching `aql`, in the order it asks for. */
  search(
    aql: string,
    options: { pageSize: number; attributes: boolean; signal?: AbortSignal },
  ): AsyncGenerator<AqlPage>;
}

export function createAssetsClient(options: {
  site: HttpClient;
  assets: HttpClient;
  instance: string;
  configuredWorkspaceId: string | undefined;
}): AssetsClient {
  let workspace: Promise<string> | undefined;

  async function discover(signal?: AbortSignal): Promise<string> {
    if (options.configuredWorkspaceId !== undefined) return options.configuredWorkspaceId;
    const response = await options.site.request<unknown>({
      method: 'GET',
      url: '/rest/servicedeskapi/assets/workspace',
      ...(signal === undefined ? {} : { signal }),
    });
    const values = obj(response.data)?.['values'];
    const id = Array.isArray(values) ? str(obj(values[0])?.['workspaceId']) : null;
    if (id === null) {
      throw new AppError(
        'SOURCE_FORBIDDEN',
        `${options.instance}: no Assets workspace is visible to this account (GET /rest/servicedeskapi/assets/workspace is empty): ` +
          'Assets needs JSM Premium or Enterprise and an Assets role for the account; or disable assets in the config',
        { details: { reason: 'no Assets workspace' } },
      );
    }
    return id;
  }

  return {
    workspaceId(signal) {
      workspace ??= discover(signal).catch((error: unknown) => {
        workspace = undefined;
        throw error;
      });
      return workspace;
    },

    async *search(aql, { pageSize, attributes, signal }) {
      const ws = await this.workspaceId(signal);
      for (let startAt = 0; ;) {
        const response = await options.assets.request<unknown>({
          method: 'POST',
          url: `/jsm/assets/workspace/${encodeURIComponent(ws)}/v1/object/aql`,
          params: { startAt, maxResults: pageSize, includeAttributes: attributes },
          data: { qlQuery: aql },
          idempotent: true,
          ...(signal === undefined ? {} : { signal }),
        });
        const body = obj(response.data);
        const values = body?.['values'];
        if (body === undefined || !Array.isArray(values)) {
          throw new AppError(
            'SOURCE_BAD_RESPONSE',
            `${options.instance}: the Assets AQL answer has no "values" list`,
            { retryable: true },
          );
        }
        const attributeNames = new Map<string, string>();
        for (const a of Array.isArray(body['objectTypeAttributes']) ? body['objectTypeAttributes'] : []) {
          const id = str(obj(a)?.['id']);
          const name = str(obj(a)?.['name']);
          if (id !== null && name !== null) attributeNames.set(id, name);
        }
        const last = body['isLast'] === true || body['last'] === true || values.length === 0;
        yield { objects: values as Json[], attributeNames, last };
        if (last) return;
        startAt += values.length;
      }
    },
  };
}
