// A file as decoded text chunks, read 64 KiB at a time, so memory stays flat whatever the file's size.
// The byte-order mark, when there is one, decides the encoding (it cannot lie); otherwise the mapping's.
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';

export interface DecodedChunks {
  /** The encoding actually used (a BOM overrides the configured one). */
  encoding: string;
  chunks: AsyncIterable<string>;
  /** Whether any chunk held bytes invalid in the encoding (decoded as U+FFFD). */
  readonly sawInvalidBytes: boolean;
}

const CHUNK_BYTES = 64 * 1024;

function encodingFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * The file's bytes; a `.gz` file is decompressed on the way (exports are often shipped gzipped).
 * `onFileBytes` counts the bytes read from disk, for progress against the file's size.
 */
export async function* bytesOf(file: string, onFileBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  raw.on('data', (chunk) => onFileBytes(chunk.length));
  const stream = file.toLowerCase().endsWith('.gz')
    ? raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES }))
    : raw;
  // A read error of the file would not reach the gunzip stream's iterator on its own.
  if (stream !== raw) raw.on('error', (error) => stream.destroy(error));
  for await (const chunk of stream) yield chunk as Buffer;
}

/** Decodes `bytes`; `sawInvalidBytes` becomes true once a chunk held a byte sequence the encoding rejects. */
export function decodeChunks(bytes: AsyncIterable<Uint8Array>, configured: string): DecodedChunks {
  const state = { encoding: configured, sawInvalidBytes: false };
  async function* chunks(): AsyncGenerator<string> {
    let decoder: TextDecoder | undefined;
    for await (const piece of bytes) {
      if (decoder === undefined) {
        state.encoding = encodingFromBom(piece) ?? configured;
        // ignoreBOM false: the decoder drops a leading BOM itself.
        decoder = new TextDecoder(state.encoding, { fatal: false });
      }
      const text = decoder.decode(piece, { stream: true });
      if (!state.sawInvalidBytes && text.includes('\uFFFD')) state.sawInvalidBytes = true;
      if (text !== '') yield text;
    }
    const rest = decoder?.decode() ?? '';
    if (rest.includes('\uFFFD')) state.sawInvalidBytes = true;
    if (rest !== '') yield rest;
  }
  return {
    get encoding() {
      return state.encoding;
    },
    chunks: chunks(),
    get sawInvalidBytes() {
      return state.sawInvalidBytes;
    },
  };
}
