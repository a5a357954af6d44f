// Finds where in the YAML file a config path is, so that each problem points at the line to edit.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { ConfigPath } from './format.js';

/**
 * - `value`: the node at the path (for an empty value such as `password:`, its key);
 * - `key`: the key of the last segment (an unknown key);
 * - `missing` is implied when the path does not exist: the deepest existing mapping, shown at its key
 *   (`review:` for a missing `review.table`), or at the list item or top of file when it has none.
 */
export type LocateMode = 'value' | 'key';

function keyText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

function start(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/** The character offset to report for `path`. */
export function locate(doc: Document, path: ConfigPath, mode: LocateMode = 'value'): number {
  let node: unknown = doc.contents;
  // Where to point if the walk stops here: the key that introduced `node`, or `node` itself.
  let anchor = start(doc.contents) ?? 0;
  for (const [i, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (pair === undefined) return anchor;
      const keyStart = start(pair.key as Node) ?? anchor;
      if (last && mode === 'key') return keyStart;
      const value = pair.value as Node | null;
      const empty = value === null || (isScalar(value) && value.value === null && value.source === '');
      if (last) return empty ? keyStart : (start(value) ?? keyStart);
      node = value;
      anchor = keyStart;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return anchor;
      node = item;
      anchor = start(item) ?? anchor;
      if (last) return anchor;
    } else {
      return anchor;
    }
  }
  return anchor;
}
