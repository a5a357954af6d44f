// Reads the sysparm_* parameters of a Table API request, with the platform's defaults.
import type { DisplayMode } from '../render/row-renderer.js';

export type Query = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The first value of a parameter (repeated parameters keep the first, like the platform). */
export function param(query: Query, name: string): string | undefined {
  const v = query[name];
  return typeof v === 'string' ? v : v?.[0];
}

const flag = (query: Query, name: string): boolean => (param(query, name) ?? '').toLowerCase() === 'true';

export interface ReadParams {
  readonly fields: readonly string[] | undefined;
  readonly display: DisplayMode;
  readonly excludeReferenceLink: boolean;
}

export interface ListParams extends ReadParams {
  readonly query: string;
  readonly limit: number;
  readonly offset: number;
  readonly noCount: boolean;
  readonly suppressPagination: boolean;
}

export const DEFAULT_LIMIT = 10_000;

export function readParams(query: Query): ReadParams {
  const rawFields = param(query, 'sysparm_fields');
  const fields =
    rawFields === undefined || rawFields.trim() === ''
      ? undefined
      : rawFields
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f !== '');
  const d = (param(query, 'sysparm_display_value') ?? 'false').toLowerCase();
  return {
    fields,
    display: d === 'true' || d === 'all' ? d : 'false',
    excludeReferenceLink: flag(query, 'sysparm_exclude_reference_link'),
  };
}

/** List parameters, or the offset that was rejected (negative offsets answer 400). */
export function listParams(query: Query): ListParams | { readonly badOffset: string } {
  const rawOffset = param(query, 'sysparm_offset') ?? '0';
  const offset = Number.parseInt(rawOffset, 10);
  if (offset < 0) return { badOffset: String(offset) };
  const limit = Number.parseInt(param(query, 'sysparm_limit') ?? '', 10);
  return {
    ...readParams(query),
    query: param(query, 'sysparm_query') ?? '',
    limit: Number.isNaN(limit) || limit < 0 ? DEFAULT_LIMIT : limit,
    offset: Number.isNaN(offset) ? 0 : offset,
    noCount: flag(query, 'sysparm_no_count'),
    suppressPagination: flag(query, 'sysparm_suppress_pagination_header'),
  };
}

/** The query parameters of a raw URL, in order, repeats included (for Link headers). */
export function rawParams(url: string): [string, string][] {
  const q = url.indexOf('?');
  return q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1)).entries()];
}
