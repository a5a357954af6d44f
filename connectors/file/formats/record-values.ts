// Flattens one parsed record (JSON object, XML fields) into cells for the columns a mapping reads.
// ServiceNow references arrive as { value, link, display_value }: the value is the id. A column name
// with dots ("fields.status.name") walks into nested objects, as Jira's REST JSON needs.

export function cellText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map(cellText)
      .filter((v) => v !== undefined)
      .join(', ');
  if (typeof value === 'object') {
    const ref = value as Record<string, unknown>;
    const pick = ref['value'] ?? ref['name'] ?? ref['display_value'] ?? ref['key'];
    return pick === undefined ? undefined : cellText(pick);
  }
  return undefined;
}

export function lookup(record: Record<string, unknown>, column: string): unknown {
  if (column in record) return record[column];
  if (!column.includes('.')) return undefined;
  let node: unknown = record;
  for (const part of column.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function cellsOf(record: Record<string, unknown>, columns: readonly string[]): (string | undefined)[] {
  return columns.map((column) => cellText(lookup(record, column)));
}
