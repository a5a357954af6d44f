// Reason templates compile once into a list of literal parts and lookups, so rendering a result is a
// join, not a parse.

const PLACEHOLDER = /\{([A-Za-z_][\w.-]*)\}/g;

/** The names a template refers to, in order. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Looks up one name for a result: a record field, a param, or an aggregate's number. */
export type Lookup = (name: string) => unknown;

export type Renderer = (lookup: Lookup) => string;

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}...` : value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value).slice(0, 200);
}

export function compileTemplate(template: string): Renderer {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(last, match.index));
    names.push(match[1] ?? '');
    last = match.index + match[0].length;
  }
  const tail = template.slice(last);
  return (lookup) => {
    let out = '';
    for (let i = 0; i < names.length; i++) out += (literals[i] ?? '') + show(lookup(names[i] ?? ''));
    return out + tail;
  };
}
