/**
 * DEBUG DIGEST (debug.c computeDatasetDigest): a SHA1-based fingerprint of every key, value and
 * expire, independent of iteration order, so a real replica and a simulated master can be compared.
 */

import { createHash } from 'node:crypto';
import type { RedisDb } from './keyspace.js';

type Digest = Uint8Array;

/** xorDigest(): digest ^= SHA1(bytes). */
function xorDigest(digest: Digest, bytes: Uint8Array): void {
  const hash = createHash('sha1').update(bytes).digest();
  for (let j = 0; j < 20; j++) digest[j] ^= hash[j];
}

/** mixDigest(): digest = SHA1(digest ^ SHA1(bytes)) — unlike xorDigest, order matters. */
function mixDigest(digest: Digest, bytes: Uint8Array): void {
  xorDigest(digest, bytes);
  digest.set(createHash('sha1').update(digest).digest());
}

const bytesOf = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** htonl(n) as 4 bytes. */
function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

/** OBJ_STRING 0, OBJ_LIST 1, OBJ_SET 2, OBJ_ZSET 3, OBJ_HASH 4 (server.h). */
const OBJ_TYPE = { string: 0, list: 1, set: 2, zset: 3, hash: 4 } as const;

/** snprintf("%.17g"): how 7.0's digest writes a sorted set's score ("1.5", "0.10000000000000001"). */
export function formatG17(n: number): string {
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(n.toPrecision(17)))));
  if (exp < -4 || exp >= 17) {
    const [mant, e] = n.toExponential(16).split('e');
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const ev = Number(e);
    return `${m}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  }
  const fixed = n.toFixed(Math.max(0, 16 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/**
 * The dataset digest as DEBUG DIGEST prints it: 40 hex digits, all zeros for an empty dataset.
 * Keys whose expire time has passed still count, as they do on a real server until they are removed.
 */
export function computeDatasetDigest(dbs: readonly RedisDb[]): string {
  const final = new Uint8Array(20);
  for (let j = 0; j < dbs.length; j++) {
    const db = dbs[j];
    if (db.dict.size === 0) continue;
    mixDigest(final, u32(j));
    for (const [key, v] of db.dict) {
      const digest = new Uint8Array(20);
      mixDigest(digest, bytesOf(key));
      const type = typeof v === 'string' ? 'string' : v.type;
      mixDigest(digest, u32(OBJ_TYPE[type as keyof typeof OBJ_TYPE]));
      if (typeof v === 'string') {
        mixDigest(digest, bytesOf(v));
      } else if (v.type === 'list') {
        for (const e of v.value) mixDigest(digest, bytesOf(e));
      } else if (v.type === 'set') {
        for (const e of v.value) xorDigest(digest, bytesOf(e));
      } else if (v.type === 'zset') {
        for (const [member, score] of v.value) {
          const ele = new Uint8Array(20);
          mixDigest(ele, bytesOf(member));
          mixDigest(ele, bytesOf(formatG17(score)));
          xorDigest(digest, ele);
        }
      } else if (v.type === 'hash') {
        for (const [field, value] of v.value) {
          const ele = new Uint8Array(20);
          mixDigest(ele, bytesOf(field));
          mixDigest(ele, bytesOf(value));
          xorDigest(digest, ele);
        }
      }
      if (db.expires.has(key)) xorDigest(digest, bytesOf('!!expire!!'));
      xorDigest(final, digest);
    }
  }
  return Buffer.from(final).toString('hex');
}
