// The Link header of a list page: first, prev, next and last, comma-separated without spaces, repeating
// the caller's query parameters. Like a real instance, the first page's prev link carries
// sysparm_offset=-1, so clients must not follow prev blindly; next appears only while rows remain, and
// last only when the total is known (not with sysparm_no_count=true).

export interface LinkHeaderInput {
  /** Absolute URL of the list endpoint, without a query string. */
  readonly url: string;
  /** The caller's query parameters, in order (sysparm_offset and sysparm_limit are replaced). */
  readonly params: readonly (readonly [string, string])[];
  readonly offset: number;
  readonly limit: number;
  readonly total: number | undefined;
  readonly more: boolean;
}

export function linkHeader(input: LinkHeaderInput): string {
  const { url, params, offset, limit, total, more } = input;
  const kept = params.filter(([k]) => k !== 'sysparm_offset' && k !== 'sysparm_limit');
  const at = (o: number): string => {
    const q = [...kept, ['sysparm_limit', String(limit)], ['sysparm_offset', String(o)]]
      .map(([k, v]) => `${encodeURIComponent(k ?? '')}=${encodeURIComponent(v ?? '')}`)
      .join('&');
    return `${url}?${q}`;
  };
  const links = [
    `<${at(0)}>;rel="first"`,
    `<${at(offset === 0 ? -1 : Math.max(0, offset - limit))}>;rel="prev"`,
  ];
  if (more) links.push(`<${at(offset + limit)}>;rel="next"`);
  if (total !== undefined) {
    const last = total === 0 || limit <= 0 ? 0 : Math.floor((total - 1) / limit) * limit;
    links.push(`<${at(last)}>;rel="last"`);
  }
  return links.join(',');
}
