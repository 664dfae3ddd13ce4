/** The theme as a React context, so every view colours text the same way (and NO_COLOR turns colours off everywhere). */

import { createContext, useContext } from 'react';
import { coloursEnabled, makeTheme, type Theme } from './theme.js';

export const ThemeContext = createContext<Theme>(makeTheme(coloursEnabled()));

export const useTheme = (): Theme => useContext(ThemeContext);
