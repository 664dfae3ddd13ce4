/** The command table of every server in a world: server commands plus the data commands. */

import { dataCommands } from './commands/index.js';
import { buildCommandTable } from './server-commands.js';
import type { CommandEntry } from './server.js';

let table: Map<string, CommandEntry> | null = null;

/** Built once, shared by all worlds (it holds no state). */
export function commandTable(): Map<string, CommandEntry> {
  if (table === null) table = buildCommandTable(dataCommands);
  return table;
}
