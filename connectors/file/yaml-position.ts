// Where a data path (['fields', 'state', 'map']) sits in a YAML document, as line and column, so that a
// problem in a hand-written file points at the spot to edit. Generic: it knows nothing of mappings.
// (src/settings/locate.ts does the same for the main config; a shared copy belongs in src/lib.)
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type YamlPath = readonly PropertyKey[];

function startOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

/**
 * The offset of the value at `path` (`mode: 'key'`: of its key, for an unknown key). When the path
 * does not exist, the deepest part that does: a missing `fields.id` points at `fields:`.
 */
export function offsetOf(doc: Document, path: YamlPath, mode: 'value' | 'key' = 'value'): number {
  let node: unknown = doc.contents;
  let anchor = startOf(doc.contents) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) return anchor;
      const keyStart = startOf(pair.key) ?? anchor;
      if (last) return mode === 'key' ? keyStart : (startOf(pair.value) ?? keyStart);
      node = pair.value;
      anchor = keyStart;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return anchor;
      node = item;
      anchor = startOf(item) ?? anchor;
    } else {
      return anchor;
    }
  }
  return anchor;
}

export function lineColOf(
  doc: Document,
  lineCounter: LineCounter,
  path: YamlPath,
  mode: 'value' | 'key' = 'value',
): { line: number; col: number } {
  return lineCounter.linePos(offsetOf(doc, path, mode));
}

/** `['fields', 'state', 'map', 'In Progress']` -> `fields.state.map["In Progress"]`. */
export function formatYamlPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][\w-]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
