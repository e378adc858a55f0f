import { createHash } from "crypto";

/** Listener rule priorities 1-999 are reserved (Shiny, later fixed rules); users get 1000-49999. */
export const FIRST_USER_PRIORITY = 1000;
export const LAST_USER_PRIORITY = 49999;

/**
 * A stable listener-rule priority per user: derived from the name, so adding or removing a user
 * never renumbers the others (renumbering makes AWS reject the apply with PriorityInUse).
 * Collisions probe to the next free slot in list order.
 */
export function listenerPriorities(users: readonly string[]): Map<string, number> {
  const span = LAST_USER_PRIORITY - FIRST_USER_PRIORITY + 1;
  const taken = new Set<number>();
  const priorities = new Map<string, number>();
  for (const user of users) {
    let slot = createHash("sha256").update(user).digest().readUInt32BE(0) % span;
    while (taken.has(slot)) slot = (slot + 1) % span;
    taken.add(slot);
    priorities.set(user, FIRST_USER_PRIORITY + slot);
  }
  return priorities;
}
