// RFC 4180 CSV: fields joined by commas, records ended by CRLF, a field quoted when it holds a comma, a
// quote, CR or LF, quotes inside doubled. Text that a spreadsheet would run as a formula (=, +, -, @ at
// the start) is prefixed with a single quote: record titles are user input (CSV injection).
export type CsvValue = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
