/** The engine's World for a seed: the default world factory of sessions and batch mode. */

import type { WorldApi } from '../redis/api.js';
import { World } from '../redis/world.js';

export function createWorld(seed: number): WorldApi {
  return new World({ seed });
}
