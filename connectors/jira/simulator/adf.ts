// Atlassian Document Format, the little the simulator needs: a paragraph document from text, and text back
// out of a document (JQL text search and validation of writes).

export function adfDoc(text: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split('\n\n')
      .map((para) => ({ type: 'paragraph', content: [{ type: 'text', text: para }] })),
  };
}

/** Whether a value is an ADF document ({type: "doc", version: 1, content: [...]}). */
export function isAdfDoc(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const doc = value as Record<string, unknown>;
  return doc['type'] === 'doc' && doc['version'] === 1 && Array.isArray(doc['content']);
}

/** The text of a document as Data Center's v2 shows a paragraph field: blocks joined by blank lines. */
export function adfPlainText(value: unknown): string {
  const textOf = (node: unknown): string => {
    if (node === null || typeof node !== 'object') return '';
    const n = node as Record<string, unknown>;
    if (n['type'] === 'text' && typeof n['text'] === 'string') return n['text'];
    if (n['type'] === 'hardBreak') return '\n';
    return Array.isArray(n['content']) ? n['content'].map(textOf).join('') : '';
  };
  const blocks = isAdfDoc(value) ? ((value as Record<string, unknown>)['content'] as unknown[]) : [value];
  return blocks.map(textOf).join('\n\n');
}
