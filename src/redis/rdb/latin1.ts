/** Bytes → byte string (one char per byte), tuned for the many short keys and values of a dump. */

/** The bytes buf[start, end) as a byte string. buf must be a Buffer (see asBuffer). */
export function latin1Slice(buf: Buffer, start: number, end: number): string {
  const n = end - start;
  // Short strings: a direct fromCharCode beats the native slice's call overhead.
  switch (n) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(buf[start]);
    case 2:
      return String.fromCharCode(buf[start], buf[start + 1]);
    case 3:
      return String.fromCharCode(buf[start], buf[start + 1], buf[start + 2]);
    case 4:
      return String.fromCharCode(buf[start], buf[start + 1], buf[start + 2], buf[start + 3]);
    default:
      return buf.toString('latin1', start, end);
  }
}

/** A Buffer view over the same memory as arr (no copy). */
export function asBuffer(arr: Uint8Array): Buffer {
  return Buffer.isBuffer(arr) ? arr : Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
}
