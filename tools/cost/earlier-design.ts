import { LoadBalancerQuantity, Quantities } from "./quantities";

/*
 * The earlier public implementation (AWS CDK v1 sample) with the same users: one load balancer
 * and one hosted zone per user (and one load balancer for Shiny), containers always on and no
 * Spot. Everything else is taken as this design has it, so the difference is only what the
 * earlier shape itself costs.
 */
export function earlierDesign(q: Quantities): Quantities {
  const zones = q.loadBalancers[0]?.zones ?? q.zones;
  const perUser: LoadBalancerQuantity[] = q.rstudio.map((user) => ({ key: user.user, zones, listenerRules: 1, users: [user.user], shiny: false }));
  const forShiny: LoadBalancerQuantity[] = q.shiny ? [{ key: "shiny", zones, listenerRules: 1, users: [], shiny: true }] : [];
  return {
    ...q,
    loadBalancers: [...perUser, ...forShiny],
    hostedZones: q.hostedZones + q.rstudio.length,
    rstudioSchedule: [],
    shiny: q.shiny ? { ...q.shiny, onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 } : undefined,
  };
}
