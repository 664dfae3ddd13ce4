/**
 * Which byte strings Redis treats as integers (util.c string2ll / listpack.c lpStringToInt64):
 * only the canonical decimal form, so "007", "+1", "-0", " 1" and "1 " stay strings and keep
 * their exact bytes through an RDB round trip.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The value of s if it is a canonical int64 (at most 20 chars, no sign but "-", no leading zero,
 * not "-0"), else null. Values beyond 2^53 come back as bigint so they stay exact.
 */
export function string2ll(s: string): number | bigint | null {
  const len = s.length;
  if (len === 0 || len > 20) return null;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 /* - */) {
    if (len === 1) return null;
    i = 1;
  } else if (c0 === 48 /* 0 */) {
    return len === 1 ? 0 : null;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null; // a leading zero ("-0", "-01") or no digit
  let value = 0;
  for (let j = i; j < len; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  if (len - i <= 15) return i === 1 ? -value : value;
  const big = BigInt(s);
  if (big < INT64_MIN || big > INT64_MAX) return null;
  if (big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(big);
  return big;
}

/**
 * The value of s if it is canonical and fits in 32 bits (what rdbTryIntegerEncoding can store),
 * else NaN. Only strings of at most 11 bytes are tried, like rdbSaveRawString.
 */
export function string2int32(s: string): number {
  const len = s.length;
  if (len === 0 || len > 11) return NaN;
  const c0 = s.charCodeAt(0);
  // Fast reject for the common case: keys and values that start with a letter.
  if (c0 !== 45 && (c0 < 48 || c0 > 57)) return NaN;
  const v = string2ll(s);
  if (typeof v !== 'number' || v < -2147483648 || v > 2147483647) return NaN;
  return v;
}
