// Markdown escaping: record text must stay text (no emphasis, links, HTML or broken table cells).
import { safeUrl } from './format.js';

/** Escapes inline text; newlines become spaces so a value never breaks a table row or a list item. */
export function mdText(value: string | number): string {
  return (
    String(value)
      .replace(/\r\n|\r|\n/g, ' ')
      // Brackets (links), emphasis, code, pipes (table cells) and HTML; parentheses alone are harmless.
      .replace(/[\\`*_{}[\]<>|~&]/g, (c) =>
        c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
      )
  );
}

/** [text](url) for web URLs (parentheses and spaces encoded), plain escaped text otherwise. */
export function mdLink(text: string, url: string): string {
  const href = safeUrl(url);
  if (href === undefined) return mdText(text);
  const encoded = href.replace(
    /[ ()<>|]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${mdText(text)}](${encoded})`;
}

export function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}
