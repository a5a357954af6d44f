// Columns of formats without a header row: JSON and XML readers place each record's values in the order
// of a column list the row mapper fills while it compiles.

export interface ColumnRegistry {
  /** Columns in cell order. */
  readonly names: string[];
  columnIndex(name: string): number;
}

/** For formats without a header: every column a mapping names exists, at the next free index. */
export function dynamicColumns(): ColumnRegistry {
  const names: string[] = [];
  const index = new Map<string, number>();
  return {
    names,
    columnIndex(name) {
      let at = index.get(name);
      if (at === undefined) {
        at = names.length;
        names.push(name);
        index.set(name, at);
      }
      return at;
    },
  };
}
