/**
 * How many RStudio users one load balancer takes: each needs a listener rule and a target group,
 * and one of each stays free on every load balancer for the Shiny host.
 */
export function usersPerLoadBalancer(rulesPerListener: number, targetGroupsPerLoadBalancer: number): number {
  return Math.min(rulesPerListener, targetGroupsPerLoadBalancer) - 1;
}

/**
 * The load balancer of each user, filled in list order: appending users never moves anyone,
 * and removing one moves at most the first user of each later load balancer.
 */
export function assignLoadBalancers(users: readonly string[], capacity: number): Map<string, string> {
  return new Map(users.map((user, index) => [user, String(Math.floor(index / capacity))]));
}
