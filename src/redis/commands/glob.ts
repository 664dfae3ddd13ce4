/** Glob-style matching for KEYS and SCAN MATCH: a port of util.c:stringmatchlen() (Redis 7.0). */

/**
 * Does `str` match the glob `pattern` (`*`, `?`, `[a-z]`, `[^x]`, `\x` escapes)?
 * Both are byte strings; `nocase` folds ASCII case like tolower().
 */
export function stringMatch(pattern: string, str: string, nocase = false): boolean {
  if (pattern === '*') return true;
  const skip = { longer: false };
  return matchImpl(pattern, 0, str, 0, nocase, skip, 0);
}

/** stringmatchlen_impl's protection against abusive patterns: deeper `*` nesting never matches. */
const MAX_NESTING = 1000;

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function matchImpl(
  pat: string,
  p: number,
  str: string,
  s: number,
  nocase: boolean,
  skip: { longer: boolean },
  nesting: number,
): boolean {
  if (nesting > MAX_NESTING) return false;
  const plen = pat.length;
  const slen = str.length;
  // pat.charCodeAt past the end is NaN, standing in for C's terminating NUL.
  while (p < plen && s < slen) {
    const pc = pat.charCodeAt(p);
    switch (pc) {
      case 42 /* * */: {
        while (p + 1 < plen && pat.charCodeAt(p + 1) === 42) p++;
        if (p + 1 === plen) return true;
        while (s < slen) {
          if (matchImpl(pat, p + 1, str, s, nocase, skip, nesting + 1)) return true;
          // A later '*' already failed on every suffix: longer matches here cannot help.
          if (skip.longer) return false;
          s++;
        }
        skip.longer = true;
        return false;
      }
      case 63 /* ? */:
        s++;
        break;
      case 91 /* [ */: {
        p++;
        const not = pat.charCodeAt(p) === 94; /* ^ */
        if (not) p++;
        let match = false;
        const sc = str.charCodeAt(s);
        for (;;) {
          const c = pat.charCodeAt(p);
          if (c === 92 /* \ */ && plen - p >= 2) {
            p++;
            if (pat.charCodeAt(p) === sc) match = true;
          } else if (c === 93 /* ] */) {
            break;
          } else if (p >= plen) {
            p--;
            break;
          } else if (plen - p >= 3 && pat.charCodeAt(p + 1) === 45 /* - */) {
            let start = c;
            let end = pat.charCodeAt(p + 2);
            let ch = sc;
            if (start > end) [start, end] = [end, start];
            if (nocase) {
              start = lower(start);
              end = lower(end);
              ch = lower(ch);
            }
            p += 2;
            if (ch >= start && ch <= end) match = true;
          } else if (nocase ? lower(c) === lower(sc) : c === sc) {
            match = true;
          }
          p++;
        }
        if (not) match = !match;
        if (!match) return false;
        s++;
        break;
      }
      case 92 /* \ */:
        if (plen - p >= 2) p++;
      // falls through
      default: {
        const c = pat.charCodeAt(p);
        const sc = str.charCodeAt(s);
        if (nocase ? lower(c) !== lower(sc) : c !== sc) return false;
        s++;
        break;
      }
    }
    p++;
    if (s === slen) {
      while (p < plen && pat.charCodeAt(p) === 42) p++;
      break;
    }
  }
  return p >= plen && s === slen;
}
