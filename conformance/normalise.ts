/**
 * Normalising a transcript so that only meaningful differences remain: replication ids become
 * `<replid-N>` by first appearance, clock-dependent numbers (lag, seconds-ago, elapsed time) become
 * placeholders, unordered replies (KEYS, SMEMBERS…) are sorted, INFO is cut down to the lines that
 * can be compared, and output of lines with no real-world counterpart is dropped.
 */

import { classifyLine, type Segment } from './transcript.js';

/** Commands whose array reply has no defined order: its items are sorted before comparing. */
export const UNORDERED_COMMANDS = new Set(['keys', 'smembers', 'sinter', 'sunion', 'sdiff', 'hkeys', 'hvals']);
/** Commands whose array reply is unordered field/value pairs: the pairs are sorted (so is CONFIG GET's). */
export const UNORDERED_PAIR_COMMANDS = new Set(['hgetall']);

/** Commands whose positive integer reply depends on the clock (remaining time): shown as `<ttl>`. */
export const TTL_COMMANDS = new Set(['ttl', 'pttl']);

/**
 * INFO fields compared outside `# Replication` and `# Keyspace` (everything else there depends on
 * the process: run_id, uptime, pids, memory, CPU, connected clients…).
 */
export const COMPARED_INFO_FIELDS = new Set([
  'redis_version',
  'redis_mode',
  'tcp_port',
  'sync_full',
  'sync_partial_ok',
  'sync_partial_err',
  'expired_keys',
  'evicted_keys',
]);

/** Sections whose every line is compared. */
const COMPARED_SECTIONS = new Set(['replication', 'keyspace', 'errorstats']);

export interface NormaliseOptions {
  /** INFO field names to leave out everywhere (a scenario's `#! ignore-field` lines). */
  ignoreFields?: ReadonlySet<string>;
}

const REPLID_RE = /\b[0-9a-f]{40}\b/g;
const ZERO_REPLID = '0'.repeat(40);

/** Replication ids → `<replid-N>` numbered by first appearance; the cleared id (all zeros) stays. */
export class ReplidNamer {
  private readonly names = new Map<string, string>();

  name(text: string): string {
    return text.replace(REPLID_RE, (id) => {
      if (id === ZERO_REPLID) return id;
      let n = this.names.get(id);
      if (n === undefined) {
        n = `<replid-${this.names.size + 1}>`;
        this.names.set(id, n);
      }
      return n;
    });
  }
}

const CLOCK_STREAM_ID_RE = /\b1\d{12}-\d+\b/g;

/**
 * Stream IDs that XADD * took from the clock (13-digit Unix ms) → `<stream-id-N>` by first
 * appearance: the engine's virtual clock and the real one differ, the order and reuse must not.
 */
export class StreamIdNamer {
  private readonly names = new Map<string, string>();

  name(text: string): string {
    return text.replace(CLOCK_STREAM_ID_RE, (id) => {
      let n = this.names.get(id);
      if (n === undefined) {
        n = `<stream-id-${this.names.size + 1}>`;
        this.names.set(id, n);
      }
      return n;
    });
  }
}

/** Clock-dependent numbers in one printed line → placeholders. Negative sentinels (-1) are kept. */
export function normaliseTimings(line: string): string {
  return line
    .replace(/\blag=\d+/g, 'lag=<n>')
    .replace(/^([a-z_]*_seconds_ago):\d+$/, '$1:<n>')
    .replace(/^(master_link_down_since_seconds):\d+$/, '$1:<n>')
    .replace(/\bavg_ttl=\d+/g, 'avg_ttl=<n>')
    .replace(/^\(\d+\.\d\ds\)$/, '(<elapsed>)');
}

/** INFO output → only the lines that can be compared (section headers and blank lines kept). */
export function filterInfo(lines: readonly string[], ignore: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  let section = '';
  for (const line of lines) {
    if (line.startsWith('# ')) {
      section = line.slice(2).trim().toLowerCase();
      out.push(line);
      continue;
    }
    if (line === '') {
      out.push(line);
      continue;
    }
    const i = line.indexOf(':');
    const field = i > 0 ? line.slice(0, i) : line;
    if (ignore.has(field)) continue;
    if (COMPARED_SECTIONS.has(section) || COMPARED_INFO_FIELDS.has(field)) out.push(line);
  }
  return out;
}

/** One `N) item` line of a flat array as printed by redis-cli: index width and item text. */
const ITEM_RE = /^( *)(\d+)\) (.*)$/;

/**
 * Sort the items of a flat numbered list (`1) "b"`, `2) "a"` → `1) "a"`, `2) "b"`), keeping the
 * numbering. With `pairs`, consecutive items are kept together (HGETALL's field, value).
 * Anything that is not a flat list (nested arrays, `(empty array)`) is returned unchanged.
 */
export function sortListOutput(lines: readonly string[], pairs = false): string[] {
  const items: string[] = [];
  const width = String(lines.length).length;
  for (let i = 0; i < lines.length; i++) {
    const m = ITEM_RE.exec(lines[i]);
    if (!m || Number(m[2]) !== i + 1 || m[1].length + m[2].length !== width) return [...lines];
    items.push(m[3]);
  }
  const groups: string[][] = [];
  const size = pairs ? 2 : 1;
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  groups.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return groups.flat().map((item, i) => `${String(i + 1).padStart(width, ' ')}) ${item}`);
}

/** A log line's `pid:role dd Mon yyyy hh:mm:ss.mmm level ` prefix. */
const LOG_PREFIX_RE = /^\d+:([CMSX]) \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} ([.*#-]) /;

/**
 * A server's log lines with what depends on the process and the clock made equal: pids, times, the
 * CLIENT INFO of the REPLICAOF sender (its ephemeral port, fds, buffer sizes), the memory a
 * snapshot was taken with and its age in whole seconds. A replica retrying a master that is down writes the same three lines
 * once a second, so how many times depends on how long it waited: runs of them count as one.
 * The real side's relay (link-proxy.ts) may still accept a connection for an instant after its
 * master died and then close it: the replica then logs a failed handshake where a direct connection
 * is refused; that is read as the refusal a direct connection gets (the engine's, and real Redis's
 * without the relay: conformance/logs/fixtures/failover.replica.log).
 */
export function normaliseLogLines(lines: readonly string[]): string[] {
  const out = lines.map((l) =>
    l
      .replace(LOG_PREFIX_RE, '<pid>:$1 <time> $2 ')
      .replace(/\bpid=\d+/, 'pid=<pid>')
      .replace(/ by pid \d+$/, ' by pid <pid>')
      .replace(/\(user request from '[^']*'\)$/, "(user request from '<client>')")
      .replace(/^(.* RDB memory usage when created )[\d.]+ Mb$/, '$1<n> Mb')
      // Whole seconds between two clock readings: 0 or 1 depending on where a second boundary falls.
      .replace(/^(.* RDB age )\d+ seconds$/, '$1<n> seconds')
      // A client id counts every connection the process has had (the settle poller's too).
      .replace(/\bclient id #\d+/g, 'client id #<n>'),
  );
  for (let i = 0; i + 2 < out.length; i++) {
    const m = /^(<pid>:[SM] <time> )\* Non blocking connect for SYNC fired the event\.$/.exec(out[i]);
    if (m && / # Failed to read response from the server: /.test(out[i + 1]) && / # Master did not respond to command during SYNC handshake$/.test(out[i + 2])) {
      out.splice(i, 3, `${m[1]}# Error condition on socket for SYNC: Connection refused`);
    }
  }
  const retry = (i: number) =>
    / Connecting to MASTER /.test(out[i] ?? '') &&
    / MASTER <-> REPLICA sync started$/.test(out[i + 1] ?? '') &&
    / Error condition on socket for SYNC: Connection refused$/.test(out[i + 2] ?? '');
  const deduped: string[] = [];
  for (let i = 0; i < out.length; i++) {
    if (retry(i) && i >= 3 && out[i] === out[i - 3] && out[i + 2] === out[i - 1] && retry(i - 3)) {
      i += 2;
      continue;
    }
    deduped.push(out[i]);
  }
  return deduped;
}

/**
 * Normalise a whole transcript. Each side gets its own ReplidNamer, so equal id structure on both
 * sides gives equal names.
 */
export function normaliseTranscript(segments: readonly Segment[], opts: NormaliseOptions = {}): Segment[] {
  const namer = new ReplidNamer();
  const streamIds = new StreamIdNamer();
  const ignore = opts.ignoreFields ?? new Set<string>();
  return segments.map((seg) => {
    const kind = classifyLine(seg.prompt, seg.line);
    let output = [...seg.output];
    if (kind.kind === 'uncompared') {
      output = [];
    } else if (kind.kind === 'log') {
      output = normaliseLogLines(output);
    } else if (kind.kind === 'redis') {
      const name = kind.argv[0].toLowerCase();
      if (name === 'info') output = filterInfo(output, ignore);
      if (UNORDERED_COMMANDS.has(name)) output = sortListOutput(output);
      // CONFIG GET with a pattern walks a dict: its name/value pairs come in hash order.
      const configGet = name === 'config' && kind.argv[1]?.toLowerCase() === 'get';
      if (UNORDERED_PAIR_COMMANDS.has(name) || configGet) output = sortListOutput(output, true);
      if (TTL_COMMANDS.has(name)) output = output.map((l) => l.replace(/^\(integer\) [1-9]\d*$/, '(integer) <ttl>'));
    }
    // DEBUG DIGEST / DIGEST-VALUE print 40 hex digits too, but they must match exactly.
    const digest = kind.kind === 'redis' && kind.argv[0].toLowerCase() === 'debug' && /^digest(-value)?$/i.test(kind.argv[1] ?? '');
    output = output.map((l) => normaliseTimings(streamIds.name(digest ? l : namer.name(l))));
    return { prompt: seg.prompt, line: seg.line, output };
  });
}
