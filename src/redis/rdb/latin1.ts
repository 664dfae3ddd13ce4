/** Bytes → byte string (one char per byte), tuned for the many short keys and values of a dump. */

const fcc = String.fromCharCode;

/** The bytes buf[start, end) as a byte string. buf must be a Buffer (see asBuffer). */
export function latin1Slice(buf: Buffer, start: number, end: number): string {
  const n = end - start;
  // Keys and values of a typical dump are short ("key:123456"). For them, fromCharCode with the
  // bytes as arguments runs in JIT code at ~40 ns a string; the native slice costs ~170 ns each,
  // most of it crossing into C++: a quarter of a second over a million keys and values. Longer
  // strings take the native slice, to keep this list of cases short.
  const b = buf;
  const p = start;
  switch (n) {
    case 0:
      return '';
    case 1:
      return fcc(b[p]);
    case 2:
      return fcc(b[p], b[p + 1]);
    case 3:
      return fcc(b[p], b[p + 1], b[p + 2]);
    case 4:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3]);
    case 5:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4]);
    case 6:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5]);
    case 7:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6]);
    case 8:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7]);
    case 9:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8]);
    case 10:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9]);
    case 11:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10]);
    case 12:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11]);
    case 13:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12]);
    case 14:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13]);
    case 15:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14]);
    case 16:
      return fcc(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15]);
    default:
      return buf.toString('latin1', start, end);
  }
}

/** A Buffer view over the same memory as arr (no copy). */
export function asBuffer(arr: Uint8Array): Buffer {
  return Buffer.isBuffer(arr) ? arr : Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
}
