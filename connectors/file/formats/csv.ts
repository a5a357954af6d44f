// CSV (and TSV) exports as batches of rows, one batch per decoded chunk.
import { CsvParser, type CsvRow } from './csv-parser.js';

export async function* csvRowBatches(
  chunks: AsyncIterable<string>,
  options: { delimiter: string; quote: string },
): AsyncGenerator<CsvRow[]> {
  const parser = new CsvParser(options.delimiter, options.quote);
  let out: CsvRow[] = [];
  for await (const chunk of chunks) {
    parser.push(chunk, out);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  parser.end(out);
  if (out.length > 0) yield out;
}
