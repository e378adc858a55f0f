/** Where a user's RStudio host is served: a pin, or the first load balancer with room. */
export interface UserPlacement {
  readonly name: string;
  /** Load balancer index the environment file pins the user to. */
  readonly loadBalancer?: number;
}

/**
 * The load balancer of each user. Pinned users stay where they are pinned. The others fill load
 * balancers in list order without going back: each joins the load balancer of the user listed
 * before them (pinned or not) while it has room, else the next one with room. Appending users
 * never moves anyone; removing one moves the first user of each later load balancer down, unless
 * those users are pinned, and then nobody moves. Pins within capacity are checked in config/load.ts.
 */
export function assignLoadBalancers(users: readonly UserPlacement[], capacity: number): Map<string, string> {
  const load = new Map<number, number>();
  const place = (index: number) => load.set(index, (load.get(index) ?? 0) + 1);
  for (const user of users) if (user.loadBalancer !== undefined) place(user.loadBalancer);
  const assigned = new Map<string, string>();
  let current = 0;
  for (const user of users) {
    if (user.loadBalancer !== undefined) {
      current = Math.max(current, user.loadBalancer);
    } else {
      while ((load.get(current) ?? 0) >= capacity) current++;
      place(current);
    }
    assigned.set(user.name, String(user.loadBalancer ?? current));
  }
  return assigned;
}
