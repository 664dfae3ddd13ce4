/**
 * Zset scores as text (util.c d2string, "%.17g", and the strtod that reads them back): the form a
 * score takes inside a zset listpack and in the old RDB_TYPE_ZSET.
 */

/** d2string: integral scores within ±2^52 print as integers, "-0" keeps its sign, else %.17g. */
export function d2string(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (x > -4503599627370495 && x < 4503599627370496 && Number.isInteger(x)) return String(x);
  return formatG17(x);
}

/** printf("%.17g", x) for a finite, non-zero x. */
export function formatG17(x: number): string {
  const exp = Number(x.toExponential(16).split('e')[1]);
  if (exp < -4 || exp >= 17) {
    const [mantissa, e] = x.toExponential(16).split('e');
    const digits = stripZeros(mantissa);
    const sign = e[0] === '-' ? '-' : '+';
    const abs = e.replace(/^[+-]/, '');
    return `${digits}e${sign}${abs.length < 2 ? '0' + abs : abs}`;
  }
  return stripZeros(x.toFixed(16 - exp));
}

/** %g drops trailing zeros of the fraction, and the point when nothing follows it. */
function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** strtod as zzlStrtod uses it: decimal, "inf"/"infinity"/"nan" in any case, with a sign. */
export function strtod(s: string): number {
  const t = s.trim().toLowerCase();
  const body = t.replace(/^[+-]/, '');
  const negative = t.startsWith('-');
  if (body === 'inf' || body === 'infinity') return negative ? -Infinity : Infinity;
  if (body === 'nan') return NaN;
  const n = Number(t);
  return Number.isNaN(n) ? parseFloat(t) : n;
}
