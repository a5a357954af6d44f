// Assets object types as SourceStreams: `service`, `ci` and `ci_relation`. AQL pages by offset, and AQL
// dates have no documented time-zone rule, so each poll reads the whole selection again (a CMDB is small
// next to the issues; unchanged records are not rewritten by the pipeline) and the sweep lists its ids.
import type { CanonicalRecord, ReadContext, SourceBatch, SourceStream } from '../../src/contracts/index.js';
import type { AssetsClient } from './assets-client.js';
import { mapCi, mapRelations, mapService, type AssetContext } from './asset-mapper.js';

export type AssetsStreamName = 'ci' | 'service' | 'ci_relation';

export interface AssetsStreamSettings {
  name: AssetsStreamName;
  client: AssetsClient;
  aql: string;
  pageSize: number;
  source: string;
  siteUrl: string;
  now: () => number;
}

function mapObjects(
  name: AssetsStreamName,
  objects: Record<string, unknown>[],
  ctx: AssetContext,
): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  for (const object of objects) {
    if (name === 'ci_relation') records.push(...mapRelations(object, ctx));
    else {
      const record = name === 'ci' ? mapCi(object, ctx) : mapService(object, ctx);
      if (record !== undefined) records.push(record);
    }
  }
  return records;
}

export function createAssetsStream(settings: AssetsStreamSettings): SourceStream {
  const { name, client } = settings;
  // Ordered by id so offset pages of an unchanged CMDB are stable.
  const aql = `${settings.aql} order by objectId asc`;
  return {
    kind: name,
    name,
    async *read(ctx: ReadContext): AsyncIterable<SourceBatch> {
      const readAt = new Date(settings.now()).toISOString();
      for await (const page of client.search(aql, {
        pageSize: settings.pageSize,
        attributes: true,
        signal: ctx.signal,
      })) {
        const records = mapObjects(name, page.objects, {
          source: settings.source,
          siteUrl: settings.siteUrl,
          attributeNames: page.attributeNames,
        });
        // The cursor only says when the last full read started: every poll reads everything.
        yield { records, cursor: { updatedOn: readAt.replace('T', ' ').slice(0, 19), fullRead: true } };
      }
    },
    async *listIds(ctx): AsyncIterable<string[]> {
      const attributes = name === 'ci_relation';
      for await (const page of client.search(aql, {
        pageSize: settings.pageSize,
        attributes,
        signal: ctx.signal,
      })) {
        yield name === 'ci_relation'
          ? mapObjects(name, page.objects, {
              source: settings.source,
              siteUrl: settings.siteUrl,
              attributeNames: page.attributeNames,
            }).map((r) => r.id)
          : page.objects.map((o) => String(o['id']));
      }
    },
  };
}
