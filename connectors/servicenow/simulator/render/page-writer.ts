// Accumulates a response body as UTF-8 bytes, row by row. Concatenating a 2 MB page into one JS string
// and letting the server measure and encode it cost more than rendering the rows; writing each small row
// string into a growing Buffer avoids flattening the big string and scanning it twice.

export class PageWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  write(text: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    const worst = text.length * 3;
    if (this.pos + worst > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + worst));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
