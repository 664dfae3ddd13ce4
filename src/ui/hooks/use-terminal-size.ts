/** The terminal's size, following resizes. */

import { useCallback, useEffect, useState } from 'react';
import { useStdout } from 'ink';

export function useTerminalSize(fallbackRows: number): { cols: number; rows: number } {
  const { stdout } = useStdout();
  const read = useCallback(() => ({ cols: stdout.columns || 100, rows: stdout.rows || fallbackRows }), [stdout, fallbackRows]);
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, read]);
  return size;
}
