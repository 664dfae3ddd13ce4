/** Replies as Redis sends them (RESP2), plus constructors; redis-cli's formatting lives in src/repl. */

export type Reply =
  /** `+OK` → { kind: 'status', text: 'OK' } */
  | { kind: 'status'; text: string }
  /** `-ERR syntax error` → { kind: 'error', text: 'ERR syntax error' } (no leading '-') */
  | { kind: 'error'; text: string }
  | { kind: 'integer'; value: number }
  /** A bulk string (a byte string, see bytes.ts) or null for `$-1`. */
  | { kind: 'bulk'; value: string | null }
  /** An array, or null for `*-1`. */
  | { kind: 'array'; items: Reply[] | null };

export const OK: Reply = { kind: 'status', text: 'OK' };
export const NIL: Reply = { kind: 'bulk', value: null };
export const NIL_ARRAY: Reply = { kind: 'array', items: null };
export const EMPTY_ARRAY: Reply = { kind: 'array', items: [] };

export const status = (text: string): Reply => ({ kind: 'status', text });
export const error = (text: string): Reply => ({ kind: 'error', text });
export const integer = (value: number): Reply => ({ kind: 'integer', value });
export const bulk = (value: string | null): Reply => ({ kind: 'bulk', value });
export const array = (items: Reply[]): Reply => ({ kind: 'array', items });
export const bulkArray = (values: string[]): Reply => ({
  kind: 'array',
  items: values.map((v) => ({ kind: 'bulk', value: v })),
});

/** Shared error replies, verbatim Redis 7.0 (server.c:createSharedObjects). */
export const ERR = {
  syntax: error('ERR syntax error'),
  notInteger: error('ERR value is not an integer or out of range'),
  notFloat: error('ERR value is not a valid float'),
  wrongType: error('WRONGTYPE Operation against a key holding the wrong kind of value'),
  noSuchKey: error('ERR no such key'),
  readonly: error("READONLY You can't write against a read only replica."),
  noReplicas: error('NOREPLICAS Not enough good replicas to write.'),
  masterDown: error(
    "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
  ),
  loading: error('LOADING Redis is loading the dataset in memory'),
  execAbort: error('EXECABORT Transaction discarded because of previous errors.'),
  outOfRangeIndex: error('ERR index out of range'),
  wrongArgs: (name: string) =>
    error(`ERR wrong number of arguments for '${name.toLowerCase()}' command`),
} as const;

/** Is `x` a reply (an early error) rather than the value a lookup found? Values never have a `kind`. */
export function isReply<T extends object>(x: T | Reply): x is Reply {
  return 'kind' in x;
}
