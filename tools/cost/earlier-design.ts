import { LoadBalancerQuantity, Quantities } from "./quantities";

/*
 * The earlier public implementation (AWS CDK v1 sample) with the same users, in two steps, so the
 * report can tell the saving of this design's shape from the saving of its cost controls.
 */

/**
 * The earlier shape: one load balancer and one hosted zone per user (and one load balancer for
 * Shiny), with this environment's schedule and Spot setting. Everything else as this design has it.
 */
export function earlierShape(q: Quantities): Quantities {
  const zones = q.loadBalancers[0]?.zones ?? q.zones;
  const perUser: LoadBalancerQuantity[] = q.rstudio.map((user) => ({ key: user.user, zones, listenerRules: 1, users: [user.user], shiny: false }));
  const forShiny: LoadBalancerQuantity[] = q.shiny ? [{ key: "shiny", zones, listenerRules: 1, users: [], shiny: true }] : [];
  return { ...q, loadBalancers: [...perUser, ...forShiny], hostedZones: q.hostedZones + q.rstudio.length };
}

/** The earlier design as published: its shape, containers always on and no Spot. */
export function earlierDesign(q: Quantities): Quantities {
  const shape = earlierShape(q);
  return {
    ...shape,
    rstudioSchedule: [],
    shiny: shape.shiny ? { ...shape.shiny, onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 } : undefined,
  };
}
