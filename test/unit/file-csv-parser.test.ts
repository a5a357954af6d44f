// The streaming CSV parser on the cases exports produce: quotes, doubled quotes, line breaks inside
// quotes, CRLF / LF / CR, a chosen delimiter, and chunks cut at every possible position.
import { describe, expect, it } from 'vitest';
import { csvRowBatches } from '../../connectors/file/formats/csv.js';
import { CsvParser, UnclosedQuoteError, type CsvRow } from '../../connectors/file/formats/csv-parser.js';

function parse(text: string, delimiter = ',', chunkSize = text.length || 1): CsvRow[] {
  const parser = new CsvParser(delimiter);
  const rows: CsvRow[] = [];
  for (let at = 0; at < text.length; at += chunkSize) parser.push(text.slice(at, at + chunkSize), rows);
  parser.end(rows);
  return rows;
}

const SAMPLE = 'id;title;note\r\n1;"semi; colon";plain\r\n2;"line\r\nbreak";"say ""hi"""\n3;;\r4;last;"x"';

describe('CsvParser', () => {
  it('splits quoted, multi-line and empty cells and reports the line each row starts on', () => {
    const rows = parse(SAMPLE, ';');
    expect(rows.map((r) => r.cells)).toEqual([
      ['id', 'title', 'note'],
      ['1', 'semi; colon', 'plain'],
      ['2', 'line\r\nbreak', 'say "hi"'],
      ['3', '', ''],
      ['4', 'last', 'x'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5, 6]);
    expect(rows.at(-1)!.unterminated).toBe(true);
    expect(rows[0]!.unterminated).toBeUndefined();
  });

  it('gives the same rows whatever the chunk boundaries (every split of the sample)', () => {
    const whole = parse(SAMPLE, ';');
    for (let size = 1; size < SAMPLE.length; size++) expect(parse(SAMPLE, ';', size)).toEqual(whole);
  });

  it('treats a trailing line break as the end of the last row, not as an empty row', () => {
    expect(parse('a,b\n1,2\n').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parse('a,b\r\n1,2\r\n').at(-1)!.unterminated).toBeUndefined();
  });

  it('uses the delimiter it is given: tab-separated text stays whole with a comma delimiter', () => {
    expect(parse('a\tb\n1\t2\n', '\t').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parse('a\tb\n', ',')[0]!.cells).toEqual(['a\tb']);
  });

  it('fails with the line of the opening quote when a quoted value never closes', () => {
    const parser = new CsvParser(',');
    const rows: CsvRow[] = [];
    parser.push('a,b\n1,2\n3,"open\nmore\nlines\n', rows);
    expect(() => parser.end(rows)).toThrow(UnclosedQuoteError);
    try {
      parser.end(rows);
    } catch (error) {
      expect((error as UnclosedQuoteError).line).toBe(3);
    }
    expect(rows.map((r) => r.cells[0])).toEqual(['a', '1']);
  });

  it('keeps text after a closing quote as written, and a quote inside an unquoted value', () => {
    expect(parse('"ab"c,d"e\n')[0]!.cells).toEqual(['abc', 'd"e']);
  });

  it('streams: rows of the first chunk come out before the next chunk is read', async () => {
    let pulled = 0;
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield `${i},row ${i}\n`;
      }
    }
    const batches = csvRowBatches(chunks(), { delimiter: ',', quote: '"' });
    const first = await batches.next();
    expect(first.value).toEqual([{ cells: ['0', 'row 0'], line: 1 }]);
    expect(pulled).toBe(1);
    await batches.return(undefined);
  });
});
