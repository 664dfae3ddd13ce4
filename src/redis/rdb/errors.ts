/** The error every RDB loading failure throws; messages follow rdb.c's log lines. */

export class RdbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RdbError';
  }
}

/** rdbLoad's message for a file that ends early (rioRead failing). */
export const SHORT_READ = 'Short read or OOM loading DB. Unrecoverable error, aborting now.';
