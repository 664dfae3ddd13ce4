/**
 * Number parsing and printing exactly as Redis does it (util.c: string2ll, string2d, string2ld,
 * ld2string, d2string and the "%.17g" of addReplyDouble). INCRBYFLOAT's long double (x87 80-bit,
 * 64-bit mantissa) is emulated with BigInt so "0.1" + "0.2" prints "0.3" like real Redis.
 */

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * string2ll: a strict signed 64-bit decimal ("-0", "+1", "01", " 1" are rejected).
 * Returns the value as a number (exact up to 15 digits, rounded beyond) or null.
 */
export function parseLongLong(s: string): number | null {
  const len = s.length;
  if (len === 0 || len > 20) return null;
  let i = 0;
  if (s.charCodeAt(0) === 45 /* - */) {
    if (len === 1) return null;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first === 48 /* 0 */) return len === 1 ? 0 : null;
  if (first < 49 || first > 57) return null;
  for (let j = i + 1; j < len; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  if (len - i <= 15) return +s;
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) return null;
  return Number(big);
}

/**
 * Add an int64 increment to an int64 stored as a decimal string (INCRBY, HINCRBY).
 * Returns the new value's text, or null on overflow ("increment or decrement would overflow").
 */
export function addInt64(valueText: string, value: number, incr: number, incrText: string): string | null {
  // Both below 1e15 in magnitude: the sum is exact in a double.
  if (valueText.length <= 15 && incrText.length <= 15) return String(value + incr);
  const sum = BigInt(valueText) + BigInt(incrText);
  if (sum > INT64_MAX || sum < INT64_MIN) return null;
  return sum.toString();
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** A decimal or special number split into parts, or null if `s` is not fully a number. */
interface ParsedReal {
  neg: boolean;
  kind: 'finite' | 'inf' | 'nan';
  /** Decimal digits without the point (finite only). */
  digits: string;
  /** value = digits × 10^exp10 */
  exp10: number;
  /** Hex float: value = hexMantissa × 2^exp2 */
  hexMantissa?: bigint;
  exp2?: number;
}

/** strtod/strtold's accepted syntax (decimal, hex, inf/infinity, nan), the whole string only. */
function parseRealSyntax(s: string, start: number): ParsedReal | null {
  let i = start;
  const n = s.length;
  let neg = false;
  if (i < n && (s[i] === '+' || s[i] === '-')) {
    neg = s[i] === '-';
    i++;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest === 'inf' || rest === 'infinity') return { neg, kind: 'inf', digits: '', exp10: 0 };
  if (rest === 'nan') return { neg, kind: 'nan', digits: '', exp10: 0 };
  if (rest.startsWith('0x')) return parseHexReal(rest.slice(2), neg);
  let digits = '';
  let exp10 = 0;
  let sawDigit = false;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    digits += s[i++];
    sawDigit = true;
  }
  if (i < n && s[i] === '.') {
    i++;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      digits += s[i++];
      exp10--;
      sawDigit = true;
    }
  }
  if (!sawDigit) return null;
  if (i < n && (s[i] === 'e' || s[i] === 'E')) {
    let j = i + 1;
    let eneg = false;
    if (j < n && (s[j] === '+' || s[j] === '-')) {
      eneg = s[j] === '-';
      j++;
    }
    let e = 0;
    let any = false;
    while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) {
      e = Math.min(e * 10 + (s.charCodeAt(j) - 48), 1e9);
      j++;
      any = true;
    }
    // "1e" or "1e+" stop before the 'e': the rest is unparsed, so the whole string is rejected.
    if (!any) return null;
    exp10 += eneg ? -e : e;
    i = j;
  }
  if (i !== n) return null;
  return { neg, kind: 'finite', digits, exp10 };
}

function parseHexReal(body: string, neg: boolean): ParsedReal | null {
  let i = 0;
  let mant = 0n;
  let exp2 = 0;
  let sawDigit = false;
  const hexVal = (ch: string) => '0123456789abcdef'.indexOf(ch);
  while (i < body.length && hexVal(body[i]) >= 0) {
    mant = mant * 16n + BigInt(hexVal(body[i++]));
    sawDigit = true;
  }
  if (body[i] === '.') {
    i++;
    while (i < body.length && hexVal(body[i]) >= 0) {
      mant = mant * 16n + BigInt(hexVal(body[i++]));
      exp2 -= 4;
      sawDigit = true;
    }
  }
  if (!sawDigit) return null;
  if (body[i] === 'p') {
    const m = /^p([+-]?\d+)$/.exec(body.slice(i));
    if (!m) return null;
    exp2 += Math.max(-1e6, Math.min(1e6, Number(m[1])));
    i = body.length;
  }
  if (i !== body.length) return null;
  return { neg, kind: 'finite', digits: '', exp10: 0, hexMantissa: mant, exp2 };
}

/**
 * string2d (zset scores, ZADD/ZINCRBY): strtod over the whole string, no leading space,
 * no NaN, no overflow to ±inf and no underflow to 0. Returns the double or null.
 */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  const p = parseRealSyntax(s, 0);
  if (p === null || p.kind === 'nan') return null;
  if (p.kind === 'inf') return p.neg ? -Infinity : Infinity;
  const v = realToDouble(p);
  if (!Number.isFinite(v)) return null; // ERANGE overflow
  if (v === 0 && !isZeroMantissa(p)) return null; // ERANGE underflow
  return v;
}

/**
 * strtod as zslParseRangeItem uses it: leading spaces allowed, "" is 0, NaN rejected.
 * Returns the double or null.
 */
export function parseStrtodWhole(s: string): number | null {
  if (s.length === 0) return 0;
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const p = parseRealSyntax(s, i);
  if (p === null || p.kind === 'nan') return null;
  if (p.kind === 'inf') return p.neg ? -Infinity : Infinity;
  return realToDouble(p);
}

function isZeroMantissa(p: ParsedReal): boolean {
  if (p.hexMantissa !== undefined) return p.hexMantissa === 0n;
  for (let i = 0; i < p.digits.length; i++) if (p.digits[i] !== '0') return false;
  return true;
}

function realToDouble(p: ParsedReal): number {
  if (p.hexMantissa !== undefined) {
    const v = Number(p.hexMantissa) * Math.pow(2, p.exp2 ?? 0);
    return p.neg ? -v : v;
  }
  const v = Number(`${p.digits}e${p.exp10}`);
  return p.neg ? -v : v;
}

/**
 * "%.17g" as printf prints a double (ZSCORE, WITHSCORES, ZINCRBY): 0.1 → "0.10000000000000001",
 * 1.5 → "1.5", 3 → "3", 1e20 → "1e+20". RESP2 prints infinities as "inf" / "-inf".
 */
export function formatDouble17g(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Number.isNaN(x)) return 'nan';
  // d2string's fast path: integers below 2^53 print as integers (and %.17g would agree).
  if (Number.isInteger(x) && Math.abs(x) < 9007199254740992) return String(x);
  const s = x.toExponential(16);
  const ePos = s.indexOf('e');
  const exp = +s.slice(ePos + 1);
  const neg = s[0] === '-';
  const mantDigits = s.slice(neg ? 1 : 0, ePos).replace('.', '');
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= 17) {
    let m = mantDigits[0] + '.' + mantDigits.slice(1);
    m = m.replace(/0+$/, '').replace(/\.$/, '');
    const ae = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  let intPart: string;
  let frac: string;
  if (exp >= 0) {
    intPart = mantDigits.slice(0, exp + 1);
    frac = mantDigits.slice(exp + 1);
  } else {
    intPart = '0';
    frac = '0'.repeat(-exp - 1) + mantDigits;
  }
  frac = frac.replace(/0+$/, '');
  return frac ? `${sign}${intPart}.${frac}` : `${sign}${intPart}`;
}

// ---------------------------------------------------------------------------------------------
// long double (x87 extended: 64-bit mantissa) for INCRBYFLOAT / HINCRBYFLOAT
// ---------------------------------------------------------------------------------------------

/** A long double: value = (neg ? -1 : 1) × mant × 2^exp, mant 0 or in [2^63, 2^64). */
export interface LongDouble {
  neg: boolean;
  kind: 'finite' | 'inf';
  mant: bigint;
  exp: number;
}

const TWO64 = 1n << 64n;
/** Largest binary exponent of an x87 long double (values ≥ 2^16384 overflow). */
const LD_MAX_EXP2 = 16384;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Round n × 2^e (n ≥ 0) to a 64-bit mantissa, ties to even. */
function roundLd(neg: boolean, n: bigint, e: number): LongDouble {
  if (n === 0n) return { neg, kind: 'finite', mant: 0n, exp: 0 };
  const bl = bitLength(n);
  let mant: bigint;
  let exp = e;
  if (bl > 64) {
    const shift = BigInt(bl - 64);
    mant = n >> shift;
    const rem = n & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (mant & 1n) === 1n)) mant += 1n;
    exp += bl - 64;
    if (mant === TWO64) {
      mant >>= 1n;
      exp += 1;
    }
  } else {
    mant = n << BigInt(64 - bl);
    exp -= 64 - bl;
  }
  if (exp + 64 > LD_MAX_EXP2) return { neg, kind: 'inf', mant: 0n, exp: 0 };
  return { neg, kind: 'finite', mant, exp };
}

/** Round the exact rational num/den (both > 0) to a long double. */
function rationalToLd(neg: boolean, num: bigint, den: bigint): LongDouble {
  // Choose e so that num / (den × 2^e) has 66+ bits of integer part, then round once.
  const e = bitLength(num) - bitLength(den) - 66;
  let q: bigint;
  let r: bigint;
  if (e >= 0) {
    const d = den << BigInt(e);
    q = num / d;
    r = num % d;
  } else {
    const nn = num << BigInt(-e);
    q = nn / den;
    r = nn % den;
  }
  // Sticky bit: a non-zero remainder breaks ties upward correctly.
  const n = (q << 1n) | (r !== 0n ? 1n : 0n);
  return roundLd(neg, n, e - 1);
}

/**
 * string2ld: strtold over the whole string (no leading space; NaN rejected; overflow/underflow
 * rejected; "inf" accepted). Returns the long double or null ("value is not a valid float").
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= 5 * 1024 || isSpace(s.charCodeAt(0))) return null;
  const p = parseRealSyntax(s, 0);
  if (p === null || p.kind === 'nan') return null;
  if (p.kind === 'inf') return { neg: p.neg, kind: 'inf', mant: 0n, exp: 0 };
  if (isZeroMantissa(p)) return { neg: p.neg, kind: 'finite', mant: 0n, exp: 0 };
  let ld: LongDouble;
  if (p.hexMantissa !== undefined) {
    ld = roundLd(p.neg, p.hexMantissa, p.exp2 ?? 0);
  } else {
    const digits = p.digits.replace(/^0+/, '');
    // Magnitude outside the long double range: ERANGE (±HUGE_VAL or 0) is rejected.
    const magnitude = digits.length + p.exp10;
    if (magnitude > 4933) return null;
    if (magnitude < -4952) return null;
    const m = BigInt(digits);
    ld = p.exp10 >= 0 ? roundLd(p.neg, m * 10n ** BigInt(p.exp10), 0) : rationalToLd(p.neg, m, 10n ** BigInt(-p.exp10));
  }
  if (ld.kind === 'inf') return null;
  return ld;
}

/** a + b in long double arithmetic (exact sum, rounded once). */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | 'nan' {
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return 'nan';
    return a.kind === 'inf' ? a : b;
  }
  if (a.mant === 0n) return b.mant === 0n ? { ...b, neg: a.neg && b.neg } : b;
  if (b.mant === 0n) return a;
  const e = Math.min(a.exp, b.exp);
  const av = a.mant << BigInt(a.exp - e);
  const bv = b.mant << BigInt(b.exp - e);
  const sum = (a.neg ? -av : av) + (b.neg ? -bv : bv);
  if (sum === 0n) return { neg: false, kind: 'finite', mant: 0n, exp: 0 };
  return roundLd(sum < 0n, sum < 0n ? -sum : sum, e);
}

/**
 * ld2string(LD_STR_HUMAN): "%.17Lf", then trailing zeros (and a trailing '.') removed, "-0" → "0".
 * Returns the text Redis stores and replies for INCRBYFLOAT / HINCRBYFLOAT.
 */
export function formatLongDoubleHuman(v: LongDouble): string {
  if (v.kind === 'inf') return v.neg ? '-inf' : 'inf';
  const scale = 10n ** 17n;
  let q: bigint;
  if (v.exp >= 0) {
    q = (v.mant << BigInt(v.exp)) * scale;
  } else {
    const num = v.mant * scale;
    const shift = BigInt(-v.exp);
    q = num >> shift;
    const rem = num & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  const intPart = (q / scale).toString();
  const frac = (q % scale).toString().padStart(17, '0').replace(/0+$/, '');
  let out = frac ? `${intPart}.${frac}` : intPart;
  if (v.neg && out !== '0') out = '-' + out;
  return out;
}

/**
 * `(long long) ceill(v * 1000.0)` as getTimeoutFromObjectOrReply computes a blocking timeout in
 * ms: the product rounded once to a long double, then rounded up. 'inf' when it is infinite.
 * Example: 0.0001 s → 0.1 → 1 ms; -0.0001 s → -0.1 → -0 → 0 (no timeout at all).
 */
export function longDoubleSecondsToMsCeil(v: LongDouble): bigint | 'inf' {
  if (v.kind === 'inf') return 'inf';
  const p = roundLd(v.neg, v.mant * 1000n, v.exp);
  if (p.kind === 'inf') return 'inf';
  if (p.exp >= 0) return (p.neg ? -1n : 1n) * (p.mant << BigInt(p.exp));
  const shift = BigInt(-p.exp);
  const whole = p.mant >> shift;
  const fraction = p.mant & ((1n << shift) - 1n);
  // Rounding up: a positive fraction adds one; a negative value just drops it (-0.1 → -0).
  if (p.neg) return -whole;
  return fraction !== 0n ? whole + 1n : whole;
}
