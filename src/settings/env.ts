// ${VAR} interpolation in the YAML's scalar values, before validation: secrets live in the environment,
// never in the file. `${VAR:-default}` falls back when VAR is unset or empty (as in a shell); `$${`
// writes a literal `${`. Keys are never interpolated. A default cannot contain "}".
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { ConfigPath } from './format.js';

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

/** A problem found in one string, at a character index of that string. */
export interface StringProblem {
  kind: 'missing' | 'malformed';
  index: number;
  message: string;
  /** The variable to export, for a missing one. */
  variable?: string;
}

export interface InterpolatedString {
  value: string;
  /** Names of the variables the string referred to (set or not). */
  variables: string[];
  problems: StringProblem[];
}

/** Resolves every reference in one string. A missing variable becomes "" and a problem. */
export function interpolateString(text: string, env: NodeJS.ProcessEnv): InterpolatedString {
  let value = '';
  const variables: string[] = [];
  const problems: StringProblem[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      value += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      value += text[i];
      i += 1;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close === -1) {
      problems.push({
        kind: 'malformed',
        index: i,
        message: `unterminated reference ${JSON.stringify(text.slice(i))}: close it with "}" (write $\${ for a literal "\${")`,
      });
      value += text.slice(i);
      break;
    }
    const match = REFERENCE.exec(text.slice(i + 2, close));
    const name = match?.[1];
    if (match === null || name === undefined) {
      const ref = text.slice(i, close + 1);
      problems.push({
        kind: 'malformed',
        index: i,
        message: `malformed reference ${JSON.stringify(ref)}: write \${NAME} or \${NAME:-default} with a letter, digits and "_" in NAME (or $\${ for a literal "\${")`,
      });
      value += ref;
    } else {
      variables.push(name);
      const fallback = match[2];
      const set = env[name];
      if (fallback !== undefined) value += set === undefined || set === '' ? fallback : set;
      else if (set !== undefined) value += set;
      else
        problems.push({
          kind: 'missing',
          index: i,
          variable: name,
          message: `environment variable ${name} is not set: export it before running`,
        });
    }
    i = close + 1;
  }
  return { value, variables, problems };
}

/** A problem located in the file: the character offset where the reference starts. */
export interface EnvProblem extends StringProblem {
  path: ConfigPath;
  offset: number;
}

export interface DocumentInterpolation {
  problems: EnvProblem[];
  /** The variables behind each interpolated value, by `pathKey` of its path. */
  interpolated: Map<string, string[]>;
}

export function pathKey(path: ConfigPath): string {
  return JSON.stringify(path.map((p) => (typeof p === 'number' ? p : String(p))));
}

/**
 * Where index `index` of a scalar's value sits in the file. Exact for one-line plain or quoted scalars
 * without escapes (the usual `password: ${SN_PASSWORD}`); otherwise the scalar's start.
 */
function sourceOffset(node: Node, text: string, index: number): number {
  const [start, end] = node.range ?? [0, 0];
  if (!isScalar(node) || typeof node.value !== 'string') return start;
  const raw = text.slice(start, end);
  if (node.type === 'PLAIN' && raw === node.value) return start + index;
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && raw.slice(1, -1) === node.value)
    return start + 1 + index;
  return start;
}

/** Interpolates every string value of `doc` in place and reports what could not be resolved. */
export function interpolateDocument(
  doc: Document,
  text: string,
  env: NodeJS.ProcessEnv,
): DocumentInterpolation {
  const result: DocumentInterpolation = { problems: [], interpolated: new Map() };
  const walk = (node: unknown, path: PropertyKey[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        walk(pair.value, [...path, String(key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) {
      const original = node.value;
      const { value, variables, problems } = interpolateString(original, env);
      for (const p of problems)
        result.problems.push({ ...p, path, offset: sourceOffset(node, text, p.index) });
      if (variables.length > 0) result.interpolated.set(pathKey(path), variables);
      node.value = value;
    }
    // Aliases are skipped: the anchored node they point at is interpolated where it is defined.
  };
  walk(doc.contents, []);
  return result;
}
