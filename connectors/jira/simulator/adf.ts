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
