/**
 * Redis strings are byte strings. The engine holds them as JS "binary strings": one char per byte
 * (char codes 0–255), so `.length` is the byte length that RESP, offsets and RDB count.
 * Text typed by a person is UTF-8 encoded into this form at the edge (the REPL) and back for display.
 */

/** UTF-8 encode a JS string into a byte string ("€" → "\xe2\x82\xac"). */
export function utf8ToBytes(text: string): string {
  // Fast path: pure ASCII needs no work.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Decode a byte string as UTF-8 (invalid sequences become U+FFFD). */
export function bytesToUtf8(bytes: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(bytes)) return bytes;
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A byte string as a Uint8Array (for RDB). */
export function bytesToArray(bytes: string): Uint8Array {
  return Buffer.from(bytes, 'latin1');
}

/** A Uint8Array as a byte string. */
export function arrayToBytes(arr: Uint8Array): string {
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString('latin1');
}
