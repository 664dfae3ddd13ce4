/** Where each pane goes for a terminal size: laid out for 80×24, giving extra room to every pane when bigger. */

export const MIN_COLS = 80;
export const MIN_ROWS = 24;

export interface Layout {
  cols: number;
  /** Rows the app draws: one less than the terminal, so Ink never clears the screen to redraw. */
  rows: number;
  /** Top band: step text on the left, the cluster on the right. */
  topHeight: number;
  stepWidth: number;
  clusterWidth: number;
  /** Wide screens put the timeline beside the REPL; narrow ones put it above. */
  timelineBeside: boolean;
  timelineHeight: number;
  timelineWidth: number;
  outputHeight: number;
  outputWidth: number;
}

/** True when the terminal is smaller than the app needs. */
export function tooSmall(cols: number, rows: number): boolean {
  return cols < MIN_COLS || rows < MIN_ROWS;
}

/** The layout for a terminal of `cols`×`rows` (at least 80×24). */
export function computeLayout(cols: number, rows: number): Layout {
  const usable = rows - 1;
  // Title, input line, footer.
  const fixed = 3;
  const body = usable - fixed;
  const stepWidth = Math.floor(cols * (cols >= 120 ? 0.4 : 0.48));
  const clusterWidth = cols - stepWidth - 1;
  if (cols >= 120) {
    const topHeight = Math.max(10, Math.floor(body * 0.5));
    const bottom = body - topHeight;
    // The REPL sits under the step text and the timeline under the cluster, so the rules line up.
    const outputWidth = stepWidth;
    return {
      cols,
      rows: usable,
      topHeight,
      stepWidth,
      clusterWidth,
      timelineBeside: true,
      timelineHeight: bottom + 1,
      timelineWidth: cols - outputWidth - 1,
      outputHeight: bottom,
      outputWidth,
    };
  }
  // The REPL output gets at least 8 rows (an `info replication` reply needs several pages even
  // then: F3 shows it whole); the step text and the cluster get what is left, the larger share.
  const outputHeight = Math.max(8, Math.round(body * 0.33));
  const timelineHeight = Math.max(3, Math.round(body * 0.15));
  const topHeight = body - outputHeight - timelineHeight;
  return {
    cols,
    rows: usable,
    topHeight,
    stepWidth,
    clusterWidth,
    timelineBeside: false,
    timelineHeight,
    timelineWidth: cols,
    outputHeight,
    outputWidth: cols,
  };
}
