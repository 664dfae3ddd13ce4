// Types for bundle-options.mjs (esbuild's BuildOptions, for the TypeScript that imports it).
import type { BuildOptions } from 'esbuild';

export function appBundleOptions(): BuildOptions;
