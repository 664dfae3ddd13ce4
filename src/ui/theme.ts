/** The colour theme of the terminal app; honours NO_COLOR (https://no-color.org) by dropping colours, never emphasis. */

export type Colour = 'green' | 'cyan' | 'yellow' | 'red' | 'magenta' | 'blue' | 'gray' | 'white';

/** Roles a piece of text plays on screen, mapped to colours in one place. */
export const palette = {
  master: 'green',
  replica: 'cyan',
  dead: 'red',
  paused: 'yellow',
  linkOnline: 'green',
  linkSync: 'yellow',
  linkHandshake: 'magenta',
  linkDown: 'red',
  error: 'red',
  reply: 'white',
  info: 'cyan',
  echo: 'gray',
  trace: 'gray',
  accent: 'blue',
  goalMet: 'green',
  warning: 'yellow',
  buffer: 'magenta',
} as const satisfies Record<string, Colour>;

export type PaletteRole = keyof typeof palette;

/** True unless NO_COLOR is set to a non-empty value. */
export function coloursEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.NO_COLOR;
  return v === undefined || v === '';
}

/** A theme: a function from a role to a colour, or undefined when colours are off. */
export interface Theme {
  colour(role: PaletteRole): Colour | undefined;
  readonly coloured: boolean;
}

export function makeTheme(coloured: boolean): Theme {
  return {
    coloured,
    colour: (role) => (coloured ? palette[role] : undefined),
  };
}
