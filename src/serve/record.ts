/**
 * The recording of a served session (`repl-tutor serve --record FILE`): JSON lines — a header (seed
 * and setup), then every input with its virtual time, every byte written to each connection, and
 * a stop line. `repl-tutor batch --replay FILE` rebuilds the world and checks every byte.
 */

import type { ServeInput } from './core.js';

export interface RecordHeader {
  serve: 1;
  seed: number;
  /** The tutor lines that set the world up (sandbox or lesson), run before the first input. */
  setup: string[];
  /** `name value` config applied to every server started (e.g. requirepass when a password is set). */
  serverOverrides: Array<[string, string]>;
}

export type RecordLine =
  | RecordHeader
  | ServeInput
  /** Bytes written to a connection. */
  | { t: number; out: number; data: string | Uint8Array }
  /** The world closed a connection. */
  | { t: number; fin: number }
  | { t: number; stop: true };

/** One line of the file (with its newline); bytes as base64. */
export function encodeRecordLine(line: RecordLine): string {
  if ('data' in line) {
    const d = line.data;
    const b64 = typeof d === 'string' ? Buffer.from(d, 'latin1').toString('base64') : Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('base64');
    return JSON.stringify({ ...line, data: b64 }) + '\n';
  }
  return JSON.stringify(line) + '\n';
}

export type DecodedRecord =
  | {
      ok: true;
      header: RecordHeader;
      /** A header after the first starts a new segment: the app started a lesson or rebuilt a step over a fresh world. */
      lines: Array<ServeInput | RecordHeader | { t: number; out: number; data: Buffer } | { t: number; fin: number } | { t: number; stop: true }>;
    }
  | { ok: false; message: string };

/** Parse a recording; a clear message with the line number when it is not one. */
export function decodeRecord(text: string): DecodedRecord {
  const rows = text.split('\n').filter((l) => l !== '');
  if (rows.length === 0) return { ok: false, message: 'empty file: not a serve recording' };
  let header: RecordHeader;
  try {
    header = JSON.parse(rows[0]) as RecordHeader;
  } catch {
    return { ok: false, message: 'line 1: not a serve recording (expected a JSON header)' };
  }
  if (header.serve !== 1 || !Array.isArray(header.setup)) return { ok: false, message: 'line 1: not a serve recording (no "serve": 1 header)' };
  const lines: Extract<DecodedRecord, { ok: true }>['lines'] = [];
  for (let i = 1; i < rows.length; i++) {
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(rows[i]) as Record<string, unknown>;
    } catch {
      return { ok: false, message: `line ${i + 1}: not JSON` };
    }
    if (row.serve === 1) {
      if (typeof row.seed !== 'number' || !Array.isArray(row.setup)) return { ok: false, message: `line ${i + 1}: a segment header needs "seed" and "setup"` };
      lines.push(row as unknown as RecordHeader);
      continue;
    }
    if (typeof row.t !== 'number') return { ok: false, message: `line ${i + 1}: no virtual time "t"` };
    if (typeof row.data === 'string') row.data = Buffer.from(row.data, 'base64');
    lines.push(row as unknown as Extract<DecodedRecord, { ok: true }>['lines'][number]);
  }
  return { ok: true, header, lines };
}
