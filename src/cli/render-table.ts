// Plain-text tables for the terminal: right-aligned numbers, left-aligned text, no colours (they end up in logs).

export interface Column<T> {
  header: string;
  value: (row: T) => string | number;
  align?: 'left' | 'right';
}

const numberFormat = new Intl.NumberFormat('en-US');

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = column.value(row);
      return typeof value === 'number' ? numberFormat.format(value) : value;
    }),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((r) => r[i]!.length)),
  );
  const align = (text: string, i: number): string => {
    const column = columns[i]!;
    const right =
      column.align === 'right' || (column.align === undefined && typeof column.value(rows[0]!) === 'number');
    return right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  };
  const header = columns.map((c, i) => align(c.header, i)).join('  ');
  const lines = cells.map((r) =>
    r
      .map((text, i) => align(text, i))
      .join('  ')
      .trimEnd(),
  );
  return [header.trimEnd(), ...lines].join('\n');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
