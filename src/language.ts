/**
 * The languages the tutor speaks, declared once. A leaf module below every layer (it imports
 * nothing): the engine's trace table words its events in each language, and the REPL, lessons
 * and screens pick one.
 */

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text in every language the tutor speaks. */
export type Localized = Record<Language, string>;
