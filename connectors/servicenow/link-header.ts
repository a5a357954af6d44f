/** The URL of rel="next" in a Link header, or undefined. Other rels are ignored on purpose: the first page's
 * prev link carries sysparm_offset=-1 on real instances. */
export function nextLink(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part);
    if (match !== null && match[2] === 'next') return match[1];
  }
  return undefined;
}
