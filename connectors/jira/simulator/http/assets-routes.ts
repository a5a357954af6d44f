// JSM Assets under its own base (/jsm/assets/workspace/{workspaceId}/v1, on api.atlassian.com in Cloud):
// AQL object search paged by startAt/maxResults with isLast, the total count, and single objects.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ASSET_ATTRIBUTES, ASSET_TYPES, type SimAsset } from '../model.js';
import { compileAql, sortAssets } from '../query/aql.js';
import { QueryError } from '../query/parse.js';
import { accountOf, baseUrl, jiraError, type JiraSimParts } from './parts.js';

/** A body value that must be a string (a query), else empty. */
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

const iso = (ms: number) => new Date(ms).toISOString();

function renderAsset(
  a: SimAsset,
  ws: string,
  base: string,
  byId: Map<number, SimAsset>,
  withAttributes: boolean,
) {
  const type = ASSET_TYPES.find((t) => t.id === a.typeId)!;
  const objectType = {
    workspaceId: ws,
    globalId: `${ws}:${type.id}`,
    id: String(type.id),
    name: type.name,
    type: 0,
    objectSchemaId: '1',
  };
  const ref = (id: number) => {
    const other = byId.get(id);
    if (other === undefined) return [];
    const t = ASSET_TYPES.find((x) => x.id === other.typeId)!;
    return [
      {
        displayValue: other.label,
        searchValue: other.objectKey,
        referencedType: true,
        referencedObject: {
          workspaceId: ws,
          globalId: `${ws}:${other.id}`,
          id: String(other.id),
          label: other.label,
          objectKey: other.objectKey,
          objectType: { id: String(t.id), name: t.name },
        },
      },
    ];
  };
  const text = (v: string) => [{ value: v, displayValue: v, searchValue: v, referencedType: false }];
  const values: Record<string, unknown[]> = {
    Key: text(a.objectKey),
    Name: text(a.label),
    Created: text(iso(a.created)),
    Updated: text(iso(a.updated)),
    Description: a.description === '' ? [] : text(a.description),
    Status: [
      {
        status: { id: String(a.status.length), name: a.status, category: a.status === 'Operational' ? 1 : 0 },
        displayValue: a.status,
        searchValue: a.status,
        referencedType: false,
      },
    ],
    Owner:
      a.owner === null
        ? []
        : [
            {
              user: { accountId: a.owner, displayName: `Agent ${a.owner.slice(-4)}` },
              displayValue: `Agent ${a.owner.slice(-4)}`,
              searchValue: a.owner,
              referencedType: false,
            },
          ],
    Criticality: a.criticality === null ? [] : text(a.criticality),
    'Depends on': a.dependsOn.flatMap(ref),
    Service: a.serviceId === null ? [] : ref(a.serviceId),
    'Last discovered': a.lastDiscovered === null ? [] : text(iso(a.lastDiscovered)),
  };
  return {
    workspaceId: ws,
    globalId: `${ws}:${a.id}`,
    id: String(a.id),
    label: a.label,
    objectKey: a.objectKey,
    objectType,
    created: iso(a.created),
    updated: iso(a.updated),
    hasAvatar: false,
    timestamp: a.updated,
    attributes: withAttributes
      ? ASSET_ATTRIBUTES.filter((attr) => (values[attr.name]?.length ?? 0) > 0).map((attr) => ({
          workspaceId: ws,
          globalId: `${ws}:${a.id}:${attr.n}`,
          id: `${a.id}${attr.n}`,
          objectTypeAttributeId: String(a.typeId * 100 + attr.n),
          objectAttributeValues: values[attr.name],
          objectId: String(a.id),
        }))
      : [],
    _links: { self: `${base}/jira/servicedesk/assets/object/${a.id}` },
  };
}

function typeAttributes(ws: string, typeIds: Set<number>) {
  return [...typeIds].flatMap((typeId) =>
    ASSET_ATTRIBUTES.map((attr) => ({
      workspaceId: ws,
      globalId: `${ws}:${typeId * 100 + attr.n}`,
      id: String(typeId * 100 + attr.n),
      name: attr.name,
      type: attr.type,
      objectType: { id: String(typeId), name: ASSET_TYPES.find((t) => t.id === typeId)?.name },
      ...(attr.type === 1
        ? {
            referenceType: { id: String(attr.n), name: attr.name },
            referenceObjectTypeId: attr.name === 'Service' ? '1' : String(typeId),
          }
        : {}),
    })),
  );
}

export function registerAssetsRoutes(api: FastifyInstance, parts: JiraSimParts): void {
  const byId = new Map(parts.assets.map((a) => [a.id, a]));

  const guard = (request: FastifyRequest, reply: FastifyReply): string | undefined => {
    const { ws } = request.params as { ws: string };
    if (!parts.assetsEnabled || ws !== parts.workspaceId) {
      void jiraError(reply, 404, [`No workspace found with id ${ws}`]);
      return undefined;
    }
    if (!accountOf(parts, request).assets) {
      void jiraError(reply, 403, ['The user does not have permission to access Assets in this workspace.']);
      return undefined;
    }
    return ws;
  };

  const run = (request: FastifyRequest, reply: FastifyReply): SimAsset[] | undefined => {
    const query = textOf((request.body as Record<string, unknown> | undefined)?.['qlQuery']);
    try {
      const compiled = compileAql(query);
      return sortAssets(parts.assets.filter(compiled.test), compiled.orderBy);
    } catch (error) {
      if (error instanceof QueryError) {
        void jiraError(reply, 400, [error.message]);
        return undefined;
      }
      throw error;
    }
  };

  api.post('/jsm/assets/workspace/:ws/v1/object/aql', (request, reply) => {
    const ws = guard(request, reply);
    if (ws === undefined) return reply;
    const matches = run(request, reply);
    if (matches === undefined) return reply;
    const q = request.query as Record<string, unknown>;
    const startAt = Math.max(0, Number(q['startAt'] ?? 0) || 0);
    const maxResults = Math.min(1000, Math.max(1, Number(q['maxResults'] ?? 25) || 25));
    const withAttributes = q['includeAttributes'] !== 'false';
    const page = matches.slice(startAt, startAt + maxResults);
    const last = startAt + page.length >= matches.length;
    const base = baseUrl(request);
    return reply.send({
      startAt,
      maxResults,
      total: matches.length,
      values: page.map((a) => renderAsset(a, ws, base, byId, withAttributes)),
      objectTypeAttributes: withAttributes ? typeAttributes(ws, new Set(page.map((a) => a.typeId))) : [],
      last,
      isLast: last,
    });
  });

  api.post('/jsm/assets/workspace/:ws/v1/object/aql/totalcount', (request, reply) => {
    if (guard(request, reply) === undefined) return reply;
    const matches = run(request, reply);
    if (matches === undefined) return reply;
    return reply.send({ totalCount: matches.length });
  });

  api.get('/jsm/assets/workspace/:ws/v1/object/:id', (request, reply) => {
    const ws = guard(request, reply);
    if (ws === undefined) return reply;
    const asset = byId.get(Number((request.params as { id: string }).id));
    if (asset === undefined) return jiraError(reply, 404, ['No object found']);
    return reply.send(renderAsset(asset, ws, baseUrl(request), byId, true));
  });
}
