// JSON exports (ServiceNow list "Export > JSON" `{"records":[...]}`, the Table API's `{"result":[...]}`,
// Jira's `{"issues":[...]}` or a plain array) read as a stream: a scanner finds each record object of the
// records array and only that object's text is parsed, so memory holds one record at a time.
import type { CsvRow } from './csv-parser.js';
import { cellsOf } from './record-values.js';

export class JsonStructureError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const ARRAY_KEYS = new Set(['records', 'result', 'issues', 'values', 'data']);

export async function* jsonRowBatches(
  chunks: AsyncIterable<string>,
  columns: readonly string[],
  jsonPath: string | undefined,
): AsyncGenerator<CsvRow[]> {
  const accept = (key: string | undefined) =>
    key === undefined
      ? jsonPath === undefined
      : jsonPath === undefined
        ? ARRAY_KEYS.has(key)
        : key === jsonPath;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  /** Depth inside the records array once found (elements sit at arrayDepth + 1). */
  let arrayDepth = -1;
  let keyAtTop: string | undefined;
  let stringStart = -1;
  let recordText = '';
  let recordStart = -1;
  let recordLine = 0;
  for await (const chunk of chunks) {
    const out: CsvRow[] = [];
    if (recordStart >= 0) recordStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (depth === 1 && arrayDepth < 0 && stringStart >= 0) keyAtTop = chunk.slice(stringStart, i);
        }
        continue;
      }
      if (c === 34) {
        inString = true;
        stringStart = depth === 1 && arrayDepth < 0 ? i + 1 : -1;
      } else if (c === 123 || c === 91) {
        if (c === 91 && arrayDepth < 0 && (depth === 0 ? accept(undefined) : depth === 1 && accept(keyAtTop)))
          arrayDepth = depth + 1;
        else if (c === 123 && depth === arrayDepth && recordStart < 0) {
          recordStart = i;
          recordLine = line;
        }
        depth++;
      } else if (c === 125 || c === 93) {
        depth--;
        if (c === 125 && depth === arrayDepth && recordStart >= 0) {
          const text = recordText + chunk.slice(recordStart, i + 1);
          recordText = '';
          recordStart = -1;
          out.push({ cells: cellsOf(parseRecord(text, recordLine), columns), line: recordLine });
        } else if (c === 93 && depth === arrayDepth - 1) arrayDepth = -2; // done: later arrays are not records
      }
    }
    if (recordStart >= 0) recordText += chunk.slice(recordStart);
    if (out.length > 0) yield out;
  }
  if (inString || depth !== 0) throw new JsonStructureError(line, 'the JSON ends early (truncated file?)');
  if (arrayDepth === -1)
    throw new JsonStructureError(
      1,
      `no array of records found${jsonPath === undefined ? ' (set jsonPath)' : ` under "${jsonPath}"`}`,
    );
}

function parseRecord(text: string, line: number): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch (error) {
    throw new JsonStructureError(
      line,
      `invalid JSON in the record starting here: ${(error as Error).message}`,
    );
  }
  throw new JsonStructureError(line, 'a record is not an object');
}
