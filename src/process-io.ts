/**
 * The process's side of the command line: batch mode's input file and its standard output (back-
 * pressure, and a reader that goes away — `batch … | head -1` — ends it quietly with status 0),
 * and the tutor's memory budget sized to the machine.
 */

import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs';
import { freemem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { World } from './redis/world.js';

/**
 * The default memory budget for all simulated servers together: a quarter of the free memory, and
 * at most an eighth of this process's JavaScript heap. Every server lives in that one heap, the
 * budget counts dataset bytes (a JavaScript heap holds two to three times that), and a full sync
 * or DEBUG RELOAD briefly holds a dataset again: `npm run fuzz` with a 512 MB budget peaked at
 * 3.3 GB of RSS.
 */
export function defaultMaxMemoryBytes(): number {
  return Math.floor(Math.min(freemem() / 4, getHeapStatistics().heap_size_limit / 8));
}

/** Give every world made from now on the budget (`--max-memory`, else the default). */
export function applyMemoryBudget(bytes: number | undefined): void {
  World.defaultMaxMemoryBytes = bytes ?? defaultMaxMemoryBytes();
}

/** Open FILE for batch mode as a stream of bytes, or say why not (as the shell's tools word it). */
export function openInputFile(file: string): NodeJS.ReadableStream | { error: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EACCES' ? 'Permission denied' : err.message;
    return { error: why };
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    return { error: 'Is a directory' };
  }
  // Any other kind is read as a stream (a FIFO, /dev/stdin): the line reader bounds each line.
  return createReadStream('', { fd });
}

/**
 * Standard output for batch mode: `out` writes, `flush` waits while the pipe is full (so a slow
 * reader never makes the transcript pile up in memory). A closed pipe (EPIPE) ends the process
 * at once with status 0, as `yes | head` does.
 */
export function batchStdout(stdout: NodeJS.WriteStream = process.stdout): { out: (s: string) => void; flush: () => Promise<void> | void } {
  let full = false;
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    out: (s) => {
      if (!stdout.write(s)) full = true;
    },
    flush: () => {
      if (!full) return;
      return new Promise<void>((resolve) =>
        stdout.once('drain', () => {
          full = false;
          resolve();
        }),
      );
    },
  };
}
