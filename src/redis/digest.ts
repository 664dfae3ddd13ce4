/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE (debug.c xorDigest, mixDigest, xorObjectDigest,
 * computeDatasetDigest in Redis 7.0): an order-independent SHA-1 signature of the dataset or of
 * single values, equal to real Redis's for the same data — so a learner can check that a master
 * and its replica hold the same dataset.
 */

import { sha1 } from './sha1.js';
import type { RedisDb, RedisValue } from './keyspace.js';
import { d2string } from './rdb/score.js';
import { streamEntries } from './stream.js';

/** The bytes of a byte string (one char per byte, as the keyspace stores them). */
function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** xorDigest(): digest ^= SHA1(data). */
function xorDigest(digest: Uint8Array, data: Uint8Array): void {
  const h = sha1(data);
  for (let i = 0; i < 20; i++) digest[i] ^= h[i];
}

/** mixDigest(): digest = SHA1(digest ^ SHA1(data)) — order-dependent, unlike xorDigest. */
function mixDigest(digest: Uint8Array, data: Uint8Array): void {
  xorDigest(digest, data);
  digest.set(sha1(digest));
}

const mixString = (digest: Uint8Array, s: string) => mixDigest(digest, bytesOf(s));

/** htonl(n): the 4-byte big-endian integer Redis mixes in for object types and db ids. */
function be32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** One field/value (or member/score) pair as its own digest, xored into the value's digest. */
function xorPair(digest: Uint8Array, a: string, b: string): void {
  const ele = new Uint8Array(20);
  mixString(ele, a);
  mixString(ele, b);
  xorDigest(digest, ele);
}

/** OBJ_STRING 0, OBJ_LIST 1, OBJ_SET 2, OBJ_ZSET 3, OBJ_HASH 4, OBJ_STREAM 6. */
const TYPE_CODE = { list: 1, set: 2, zset: 3, hash: 4, stream: 6 } as const;

/** xorObjectDigest(): mix one value (and whether its key has a TTL) into `digest`. */
export function xorObjectDigest(digest: Uint8Array, value: RedisValue, hasExpire: boolean): void {
  if (typeof value === 'string') {
    mixDigest(digest, be32(0));
    mixString(digest, value);
  } else {
    mixDigest(digest, be32(TYPE_CODE[value.type]));
    switch (value.type) {
      case 'list':
        for (const e of value.value) mixString(digest, e);
        break;
      case 'set':
        for (const m of value.value) xorDigest(digest, bytesOf(m));
        break;
      case 'zset':
        // 7.0 prints the score with "%.17g" here (d2string's integral shortcut gives the same text).
        for (const [m, score] of value.value) xorPair(digest, m, d2string(score));
        break;
      case 'hash':
        for (const [f, v] of value.value) xorPair(digest, f, v);
        break;
      case 'stream':
        // Each entry: its ID as "ms.seq" (debug.c's "%U.%U"), then its fields and values, in ID order.
        for (const e of streamEntries(value.value)) {
          mixString(digest, `${e.ms}.${e.seq}`);
          for (const x of e.fields) mixString(digest, x);
        }
        break;
    }
  }
  if (hasExpire) xorDigest(digest, bytesOf('!!expire!!'));
}

function hex(d: Uint8Array): string {
  let s = '';
  for (const b of d) s += b.toString(16).padStart(2, '0');
  return s;
}

/** DEBUG DIGEST-VALUE for one key: 40 zeros when it does not exist (expired keys still count). */
export function valueDigest(db: RedisDb, key: string): string {
  const digest = new Uint8Array(20);
  const value = db.dict.get(key);
  if (value !== undefined) xorObjectDigest(digest, value, db.expires.has(key));
  return hex(digest);
}

/** computeDatasetDigest(): every non-empty db's id, then each key's own digest xored in. */
export function datasetDigest(dbs: readonly RedisDb[]): string {
  const final = new Uint8Array(20);
  for (const db of dbs) {
    if (db.dict.size === 0) continue;
    mixDigest(final, be32(db.id));
    for (const [key, value] of db.dict) {
      const digest = new Uint8Array(20);
      mixString(digest, key);
      xorObjectDigest(digest, value, db.expires.has(key));
      xorDigest(final, digest);
    }
  }
  return hex(final);
}
