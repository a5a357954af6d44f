// Resolves the columns a mapping names against a CSV header row. A column the file lacks is a problem
// placed at the mapping line that names it, with a hint when the header shows why (wrong delimiter,
// UTF-16 read as UTF-8, a near-miss spelling).
import type { LoadedMapping } from './mapping-load.js';
import { closest, type ImportProblem } from './problems.js';

export interface HeaderColumns {
  columnIndex: (name: string) => number | undefined;
  /** Problems found while the mapper compiled; call after compiling. */
  problems: () => ImportProblem[];
  onUnknownColumn: (column: string, path: readonly string[]) => void;
}

const DELIMITERS = [',', ';', '\t', '|'];

export function headerColumns(
  cells: readonly (string | undefined)[],
  line: number,
  dataFile: string,
  loaded: LoadedMapping,
): HeaderColumns {
  const names = cells.map((cell) => (cell ?? '').replaceAll('\uFEFF', '').trim());
  const index = new Map<string, number>();
  names.forEach((name, at) => {
    if (name !== '' && !index.has(name)) index.set(name, at);
  });
  const problems: ImportProblem[] = [];
  const hint = headerHint(names, loaded.mapping.csv.delimiter);
  return {
    columnIndex: (name) => index.get(name),
    onUnknownColumn: (column, path) => {
      const guess = closest(column, index.keys());
      const suffix = guess !== undefined ? ` (did you mean "${guess}"?)` : hint;
      problems.push(
        loaded.problemAt(path, `column "${column}" is not in ${dataFile} (header on line ${line})${suffix}`),
      );
    },
    problems: () => {
      if (!loaded.optionalColumns) return problems;
      const id = loaded.mapping.fields['id'];
      const idColumns =
        typeof id === 'string' ? [id] : typeof id?.column === 'string' ? [id.column] : (id?.column ?? []);
      return idColumns.some((column) => index.has(column))
        ? []
        : problems.filter((p) => p.path === 'fields.id');
    },
  };
}

function headerHint(names: readonly string[], delimiter: string): string {
  const joined = names.join(delimiter);
  if (joined.includes('\u0000'))
    return '; the header holds NUL characters: is the file UTF-16? set encoding: utf-16le';
  if (names.length <= 2) {
    const other = DELIMITERS.find((d) => d !== delimiter && joined.split(d).length > 2);
    if (other !== undefined)
      return `; the header has ${names.length} column(s) but splits on ${JSON.stringify(other)}: set csv.delimiter: ${JSON.stringify(other)}`;
  }
  const shown = names
    .filter((n) => n !== '')
    .slice(0, 12)
    .map((n) => JSON.stringify(n));
  return `; the header has ${shown.join(', ')}${names.length > 12 ? ', …' : ''}`;
}
