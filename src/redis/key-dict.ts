/**
 * The key dictionary of one database (dict.c's role): a Map<string, V> with Map's behaviour —
 * insertion order, iteration that sees later inserts and skips deleted keys. Small, it is a JS
 * Map; from `tableFrom` keys on, an open-addressing table over insertion-ordered arrays.
 *
 * Why: a million new keys into one JS Map cost ~1.2 s on the project's machine (three cache misses
 * an insert, and a full rehash at each doubling); the table takes about half that (one probe into a
 * typed array, appends to arrays), which is most of DEBUG POPULATE and of a replica loading a big
 * RDB. But the table hashes keys in JS (FNV-1a: JS gives no access to the hash a string carries),
 * ~40 ns a lookup where a Map reuses the string's cached hash, so a small keyspace — a lesson's,
 * or SET over a thousand keys — stays a Map.
 */

const EMPTY = -1;
const MIN_CAPACITY = 16;

/** FNV-1a over the UTF-16 code units (byte strings: one unit a byte). */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export class KeyDict<V> implements Map<string, V> {
  /** The keys while there are fewer than `tableFrom`; null once they moved to the table. */
  private small: Map<string, V> | null = new Map();
  /** Slot → entry index, or EMPTY; capacity is a power of two, at most half full. */
  private slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  /** Entries in insertion order; a deleted entry keeps its place with `live[i] = 0` until a rebuild. */
  private keyAt: string[] = [];
  private valueAt: V[] = [];
  private hashAt = new Int32Array(MIN_CAPACITY);
  private live = new Uint8Array(MIN_CAPACITY);
  /** Entries used (live and deleted). */
  private used = 0;
  private count = 0;
  /** Iterations in progress: entries keep their indexes (no rebuild, no move) while one runs. */
  private iterating = 0;

  constructor(private readonly tableFrom = 65_536) {}

  get size(): number {
    return this.small !== null ? this.small.size : this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'KeyDict';
  }

  /** The entry index of `key`, or -1. */
  private find(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s];
      if (e === EMPTY) return -1;
      // A deleted entry's key is undefined, so it never matches.
      if (this.hashAt[e] === hash && this.keyAt[e] === key) return e;
    }
  }

  get(key: string): V | undefined {
    if (this.small !== null) return this.small.get(key);
    const e = this.find(key, hashKey(key));
    return e < 0 ? undefined : this.valueAt[e];
  }

  has(key: string): boolean {
    if (this.small !== null) return this.small.has(key);
    return this.find(key, hashKey(key)) >= 0;
  }

  set(key: string, value: V): this {
    if (this.small !== null) {
      this.small.set(key, value);
      if (this.small.size >= this.tableFrom && this.iterating === 0) this.toTable();
      return this;
    }
    const hash = hashKey(key);
    const mask = this.slots.length - 1;
    let s = hash & mask;
    for (; ; s = (s + 1) & mask) {
      const e = this.slots[s];
      if (e === EMPTY) break;
      if (this.hashAt[e] === hash && this.keyAt[e] === key) {
        this.valueAt[e] = value;
        return this;
      }
    }
    if ((this.used + 1) * 2 > this.slots.length) {
      this.rebuild();
      return this.set(key, value);
    }
    const e = this.used++;
    if (e === this.hashAt.length) this.growEntries();
    this.keyAt[e] = key;
    this.valueAt[e] = value;
    this.hashAt[e] = hash;
    this.live[e] = 1;
    this.slots[s] = e;
    this.count++;
    return this;
  }

  delete(key: string): boolean {
    if (this.small !== null) return this.small.delete(key);
    const e = this.find(key, hashKey(key));
    if (e < 0) return false;
    // The slot keeps pointing at the dead entry, so probe chains through it stay whole.
    this.live[e] = 0;
    this.keyAt[e] = undefined as unknown as string;
    this.valueAt[e] = undefined as V;
    this.count--;
    return true;
  }

  clear(): void {
    // Clearing the same Map ends an iteration over it, as Map.clear does.
    if (this.small !== null) this.small.clear();
    else this.small = new Map();
    this.slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.keyAt = [];
    this.valueAt = [];
    this.hashAt = new Int32Array(MIN_CAPACITY);
    this.live = new Uint8Array(MIN_CAPACITY);
    this.used = 0;
    this.count = 0;
  }

  /** Move the keys of the small Map into the table, in their order. */
  private toTable(): void {
    const small = this.small!;
    this.small = null;
    for (const [key, value] of small) this.set(key, value);
  }

  private growEntries(): void {
    const hashAt = new Int32Array(this.hashAt.length * 2);
    hashAt.set(this.hashAt);
    this.hashAt = hashAt;
    const live = new Uint8Array(this.live.length * 2);
    live.set(this.live);
    this.live = live;
  }

  /**
   * Make room: drop deleted entries when no iteration is running and they are many, and size the
   * table for the live entries (doubling when they fill it).
   */
  private rebuild(): void {
    if (this.iterating === 0 && this.count < this.used) this.compact();
    let capacity = this.slots.length;
    while ((this.used + 1) * 2 > capacity) capacity *= 2;
    const slots = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let e = 0; e < this.used; e++) {
      if (this.live[e] === 0) continue;
      let s = this.hashAt[e] & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = e;
    }
    this.slots = slots;
  }

  /** Move the live entries down over the deleted ones, keeping their order. */
  private compact(): void {
    let to = 0;
    for (let e = 0; e < this.used; e++) {
      if (this.live[e] === 0) continue;
      if (to !== e) {
        this.keyAt[to] = this.keyAt[e];
        this.valueAt[to] = this.valueAt[e];
        this.hashAt[to] = this.hashAt[e];
        this.live[to] = 1;
      }
      to++;
    }
    for (let e = to; e < this.used; e++) this.live[e] = 0;
    this.keyAt.length = to;
    this.valueAt.length = to;
    this.used = to;
  }

  *entries(): MapIterator<[string, V]> {
    this.iterating++;
    try {
      if (this.small !== null) yield* this.small.entries();
      else for (let e = 0; e < this.used; e++) if (this.live[e] === 1) yield [this.keyAt[e], this.valueAt[e]];
    } finally {
      this.iterating--;
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
