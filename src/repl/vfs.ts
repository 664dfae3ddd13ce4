/**
 * The small virtual file system the `$ ` prompt shows: the seed's three config files under /data,
 * directories made with mkdir, the RDB files the engine wrote to its virtual disk (world.disk), and
 * the servers' own log and pid files (world.logs).
 */

/** The seed's config file for one node, verbatim (its section 主从复制构建). */
export function seedConfig(port: number): string {
  return [
    `port ${port}`,
    'daemonize yes',
    `pidfile /data/${port}/redis.pid`,
    'loglevel notice',
    `logfile "/data/${port}/redis.log"`,
    'dbfilename dump.rdb',
    `dir /data/${port}`,
    'protected-mode no',
    '',
  ].join('\n');
}

export const SEED_PORTS = [6380, 6381, 6382] as const;

/** Normalise an absolute path: collapse `//`, `.` and `..`, no trailing slash (except `/`). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

export type VfsEntry = { kind: 'dir' } | { kind: 'file'; bytes: string };

/**
 * Text files and directories, plus a live view of the engine's disk (binary RDB files).
 * Paths are absolute; `resolve` joins relative ones to the working directory.
 */
export class Vfs {
  private readonly dirs = new Set<string>(['/']);
  private readonly files = new Map<string, string>();
  cwd = '/data';

  constructor(
    private readonly disk: () => ReadonlyMap<string, Uint8Array> = () => new Map(),
    /** Text files the servers write (logs, pid files), path → text. */
    private readonly serverFiles: () => ReadonlyMap<string, string> = () => new Map(),
  ) {
    this.mkdirp('/data');
    this.mkdirp('/tmp');
    for (const port of SEED_PORTS) this.writeFile(`/data/${port}/redis.conf`, seedConfig(port));
  }

  resolve(path: string): string {
    return normalizePath(path.startsWith('/') ? path : `${this.cwd}/${path}`);
  }

  mkdirp(dir: string): void {
    let p = '';
    for (const part of normalizePath(dir).split('/').filter(Boolean)) {
      p += '/' + part;
      this.dirs.add(p);
    }
  }

  writeFile(path: string, text: string): void {
    const abs = normalizePath(path);
    this.mkdirp(abs.slice(0, abs.lastIndexOf('/')) || '/');
    this.files.set(abs, text);
  }

  /** What is at `abs` (already resolved), or undefined. */
  stat(abs: string): VfsEntry | undefined {
    if (this.files.has(abs)) return { kind: 'file', bytes: this.files.get(abs)! };
    const written = this.serverFiles().get(abs);
    if (written !== undefined) return { kind: 'file', bytes: written };
    const rdb = this.disk().get(abs);
    if (rdb) return { kind: 'file', bytes: Buffer.from(rdb.buffer, rdb.byteOffset, rdb.byteLength).toString('latin1') };
    if (this.dirs.has(abs) || this.diskDirs().has(abs)) return { kind: 'dir' };
    return undefined;
  }

  /** Names directly inside directory `abs`, sorted like `ls` in the C locale. */
  list(abs: string): string[] {
    const prefix = abs === '/' ? '/' : abs + '/';
    const names = new Set<string>();
    const add = (p: string) => {
      if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split('/')[0]);
    };
    for (const d of this.dirs) add(d);
    for (const f of this.files.keys()) add(f);
    for (const f of this.disk().keys()) add(normalizePath(f));
    for (const f of this.serverFiles().keys()) add(normalizePath(f));
    return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Directories that hold a file of the engine's disk (a node started with an unusual `dir`). */
  private diskDirs(): Set<string> {
    const out = new Set<string>();
    for (const f of [...this.disk().keys(), ...this.serverFiles().keys()]) {
      let p = normalizePath(f);
      while ((p = p.slice(0, p.lastIndexOf('/')) || '/') !== '/') out.add(p);
    }
    return out;
  }
}
