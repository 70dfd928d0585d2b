import type { Container } from '../container.js';
import type { JobHandlers } from './queue.js';

/** Job handlers: each reloads what it needs by id, so a repeated run is harmless. */
export function createJobHandlers(c: Container): JobHandlers {
  return {
    'maintenance.purge-expired': async () => {
      await c.sessions.purgeExpired();
      await c.verification.purgeExpired();
      await c.throttle.purgeExpired();
    },
  };
}
