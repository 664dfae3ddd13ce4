/**
 * Typed lines from a file or a pipe, one at a time, in bounded memory: a line may be at most
 * MAX_LINE_BYTES long (well under Redis's proto-max-bulk-len of 512 MB), so `batch /dev/zero`
 * stops with a message instead of filling the heap.
 */

/** The longest line read: 16 MiB. */
export const MAX_LINE_BYTES = 16 << 20;

/** A line longer than the limit (`lineNumber` counts from 1). */
export class LineTooLongError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly maxBytes: number,
  ) {
    super(`line ${lineNumber} is longer than ${Math.round(maxBytes / (1 << 20))} MiB`);
  }
}

const LF = 0x0a;

/** Decode one line's bytes (UTF-8), without its CR before the LF. */
function decode(parts: Buffer[], length: number): string {
  let buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
  if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
  return buf.toString('utf8');
}

/**
 * The lines of `input` (LF or CRLF; no phantom empty line after a final newline). Throws
 * LineTooLongError as soon as a line passes `maxLineBytes`, having read no more than that of it.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let length = 0;
  let lineNumber = 1;
  for await (const chunk of input) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (;;) {
      const nl = buf.indexOf(LF);
      const end = nl < 0 ? buf.length : nl;
      if (length + end > maxLineBytes) throw new LineTooLongError(lineNumber, maxLineBytes);
      if (nl < 0) {
        if (buf.length > 0) {
          parts.push(buf);
          length += buf.length;
        }
        break;
      }
      parts.push(buf.subarray(0, nl));
      length += nl;
      yield decode(parts, length);
      parts = [];
      length = 0;
      lineNumber++;
      buf = buf.subarray(nl + 1);
    }
  }
  if (length > 0) yield decode(parts, length);
}
