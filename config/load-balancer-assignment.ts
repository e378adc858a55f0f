/** Where a user's RStudio host is served: a pin, or the load balancer the users before them fill. */
export interface UserPlacement {
  readonly name: string;
  /** Load balancer index the environment file pins the user to. */
  readonly loadBalancer?: number;
}

export interface Assignment {
  /** User name -> load balancer key ("0", "1", ...). */
  readonly loadBalancers: Map<string, string>;
  /** Pins onto a load balancer the users listed before them already fill, by user index. */
  readonly fullPins: { readonly index: number; readonly loadBalancer: number }[];
}

/**
 * The load balancer of each user, decided in list order from the users before them only: a
 * pinned user goes where pinned; any other user joins the load balancer of the user before them
 * (never a lower one than any before) while it has room, else the next one with room. So
 * appending a user never moves anyone. Removing a user frees a place that the users after them,
 * up to the next pinned one, may move into: pin the first user of every later load balancer (and,
 * when removing a pinned user, the next user on theirs) and nobody moves (test/scale.test.ts).
 */
export function assignLoadBalancers(users: readonly UserPlacement[], capacity: number): Assignment {
  const load = new Map<number, number>();
  const loadBalancers = new Map<string, string>();
  const fullPins: Assignment["fullPins"] = [];
  let current = 0;
  users.forEach((user, index) => {
    let target = user.loadBalancer;
    if (target === undefined) {
      while ((load.get(current) ?? 0) >= capacity) current++;
      target = current;
    } else {
      if ((load.get(target) ?? 0) >= capacity) fullPins.push({ index, loadBalancer: target });
      current = Math.max(current, target);
    }
    load.set(target, (load.get(target) ?? 0) + 1);
    loadBalancers.set(user.name, String(target));
  });
  return { loadBalancers, fullPins };
}
