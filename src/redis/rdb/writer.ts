/** A growable byte buffer with manual little/big-endian writes: the rio target the RDB encoder fills. */

export class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(initialSize = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Make room for n more bytes (doubling, so a big dump costs O(log n) copies). */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned 16-bit little-endian at an absolute position (for patching headers). */
  setU16LE(at: number, v: number): void {
    this.buf[at] = v & 0xff;
    this.buf[at + 1] = (v >>> 8) & 0xff;
  }

  setU32LE(at: number, v: number): void {
    this.buf[at] = v & 0xff;
    this.buf[at + 1] = (v >>> 8) & 0xff;
    this.buf[at + 2] = (v >>> 16) & 0xff;
    this.buf[at + 3] = (v >>> 24) & 0xff;
  }

  /** Signed 64-bit little-endian; numbers must be safe integers, larger values come as bigint. */
  i64LE(v: number | bigint): void {
    this.ensure(8);
    if (typeof v === 'bigint') {
      this.buf.writeBigInt64LE(v, this.pos);
    } else {
      this.setU32LE(this.pos, v >>> 0);
      this.setU32LE(this.pos + 4, Math.floor(v / 4294967296) >>> 0);
    }
    this.pos += 8;
  }

  /** A byte string's bytes (one char per byte), without any length prefix. */
  latin1(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    if (n < 48) {
      for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    } else {
      buf.write(s, p, n, 'latin1');
      p += n;
    }
    this.pos = p;
  }

  raw(bytes: Uint8Array, start = 0, end = bytes.length): void {
    const n = end - start;
    this.ensure(n);
    this.buf.set(bytes.subarray(start, end), this.pos);
    this.pos += n;
  }

  /** The bytes written so far (a view, valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
