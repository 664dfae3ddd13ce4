/**
 * SIGTERM and SIGHUP while the app runs (a closed terminal window, `kill`): the terminal is given
 * back as it was — cooked mode, the main screen, the cursor shown — and the process ends as that
 * signal would end it (status 128 + its number). Progress needs no saving here: the store saves
 * every change at once, atomically, so what is on disk is already everything.
 */

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGTERM: 15 } as const;

/** Install the handlers; `restore` undoes what the app did to the terminal. Returns the uninstaller. */
export function exitCleanlyOnSignals(restore: () => void, stdin: NodeJS.ReadStream = process.stdin): () => void {
  const handler = (signal: keyof typeof SIGNAL_NUMBERS) => {
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
      restore();
    } finally {
      process.exit(128 + SIGNAL_NUMBERS[signal]);
    }
  };
  const onTerm = () => handler('SIGTERM');
  const onHup = () => handler('SIGHUP');
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  return () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
  };
}
