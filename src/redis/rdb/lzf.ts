/**
 * LZF (lzf_c.c / lzf_d.c as vendored by Redis, HLOG 16, VERY_FAST): the compression RDB applies
 * to strings longer than 20 bytes when `rdbcompression yes`. Format: a control byte below 32
 * starts a literal run of ctrl+1 bytes; otherwise its top 3 bits are a match length (7 = one
 * more length byte follows) and its low 5 bits plus the next byte a back-reference offset.
 */

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

/**
 * Hash slots hold `base + position`. Each call moves `base` past the previous input, so slots
 * left by earlier calls read as negative positions and are ignored without clearing 64K slots
 * per call (Redis's table is uninitialised stack memory whose stale pointers fail the same
 * range check). That keeps our output equal to Redis's for the same input.
 */
const htab = new Float64Array(HSIZE);
let base = 1;

/**
 * Compress input[0, inLen) into out (lzf_compress). Returns the compressed length, or 0 when the
 * result would not fit in out.length bytes (Redis passes len-4, so "fits" means "saves ≥ 4").
 */
export function lzfCompress(input: Uint8Array, inLen: number, out: Uint8Array): number {
  const outEnd = out.length;
  if (inLen === 0 || outEnd === 0) return 0;
  const inEnd = inLen;
  if (base > 2 ** 52) {
    htab.fill(0);
    base = 1;
  }
  const b0 = base;
  base += inLen + 1;
  let ip = 0;
  let op = 1; // start a literal run; its control byte is out[op - lit - 1]
  let lit = 0;
  let hval = (input[0] << 8) | input[1];

  while (ip < inEnd - 2) {
    hval = ((hval << 8) | input[ip + 2]) >>> 0;
    const slot = ((hval >>> (3 * 8 - HLOG)) - hval * 5) & (HSIZE - 1);
    const ref = htab[slot] - b0;
    htab[slot] = b0 + ip;

    let off: number;
    if (
      ref > 0 && // lzf never references position 0 (ref > in_data); stale slots are < 0
      ref < ip &&
      (off = ip - ref - 1) < MAX_OFF &&
      input[ref + 2] === input[ip + 2] &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1]
    ) {
      let len = 2;
      let maxlen = inEnd - ip - len;
      if (maxlen > MAX_REF) maxlen = MAX_REF;

      if (op + 3 + 1 >= outEnd) {
        if (op - (lit === 0 ? 1 : 0) + 3 + 1 >= outEnd) return 0;
      }
      out[op - lit - 1] = lit - 1; // stop the literal run
      if (lit === 0) op--; // undo an empty run

      do len++;
      while (len < maxlen && input[ref + len] === input[ip + len]);

      len -= 2; // the stored length is octets - 2
      ip++;
      if (len < 7) {
        out[op++] = (off >>> 8) + (len << 5);
      } else {
        out[op++] = (off >>> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;

      lit = 0;
      op++; // start a new run
      ip += len + 1;
      if (ip >= inEnd - 2) break;

      // VERY_FAST: hash the two positions just before ip so later matches can find them.
      ip -= 2;
      hval = (input[ip] << 8) | input[ip + 1];
      hval = ((hval << 8) | input[ip + 2]) >>> 0;
      htab[((hval >>> (3 * 8 - HLOG)) - hval * 5) & (HSIZE - 1)] = b0 + ip;
      ip++;
      hval = ((hval << 8) | input[ip + 2]) >>> 0;
      htab[((hval >>> (3 * 8 - HLOG)) - hval * 5) & (HSIZE - 1)] = b0 + ip;
      ip++;
    } else {
      if (op >= outEnd) return 0;
      lit++;
      out[op++] = input[ip++];
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }

  if (op + 3 > outEnd) return 0; // at most 3 literal bytes can be missing here
  while (ip < inEnd) {
    lit++;
    out[op++] = input[ip++];
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1; // end the run
  if (lit === 0) op--;
  return op;
}

/**
 * Decompress input[start, end) into out (lzf_decompress). Returns the decompressed length, or -1
 * on corrupt data (a reference before the start, or a run past either buffer's end).
 */
export function lzfDecompress(input: Uint8Array, start: number, end: number, out: Uint8Array): number {
  const outEnd = out.length;
  let ip = start;
  let op = 0;
  while (ip < end) {
    let ctrl = input[ip++];
    if (ctrl < 1 << 5) {
      ctrl++;
      if (op + ctrl > outEnd || ip + ctrl > end) return -1;
      out.set(input.subarray(ip, ip + ctrl), op);
      op += ctrl;
      ip += ctrl;
    } else {
      let len = ctrl >>> 5;
      let ref = op - ((ctrl & 0x1f) << 8) - 1;
      if (ip >= end) return -1;
      if (len === 7) {
        len += input[ip++];
        if (ip >= end) return -1;
      }
      ref -= input[ip++];
      if (op + len + 2 > outEnd || ref < 0) return -1;
      len += 2;
      // Byte by byte: source and destination may overlap (a run of repeated bytes).
      for (let k = 0; k < len; k++) out[op++] = out[ref++];
    }
  }
  return op;
}
