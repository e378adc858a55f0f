import { Construct } from "constructs";
import { TerraformIterator } from "cdktf";
import { ShieldProtection } from "@cdktf/provider-aws/lib/shield-protection";
import { countWhen, Flag, MapInput, mapWhen, sameKey } from "../shared/expressions";
import { LoadBalancer } from "./load-balancer";

export interface ShieldProtectionsProps {
  readonly name: string;
  readonly partition: string;
  /** Needs an active Shield Advanced subscription in the account. */
  readonly enabled: Flag;
  readonly loadBalancer: LoadBalancer;
  /** The load balancers' keys (the same map they are created from). */
  readonly shards: MapInput<unknown>;
  readonly hostedZoneId: string;
}

/** Shield Advanced protection for every load balancer and the hosted zone. */
export class ShieldProtections extends Construct {
  constructor(scope: Construct, id: string, props: ShieldProtectionsProps) {
    super(scope, id);
    const shards = TerraformIterator.fromMap(mapWhen(props.enabled, props.shards));
    new ShieldProtection(this, "load_balancer", {
      forEach: shards,
      name: `${props.name}-alb-${shards.key}`,
      resourceArn: sameKey(props.loadBalancer.lb, "arn"),
    });
    new ShieldProtection(this, "hosted_zone", {
      count: countWhen(props.enabled),
      name: `${props.name}-zone`,
      resourceArn: `arn:${props.partition}:route53:::hostedzone/${props.hostedZoneId}`,
    });
  }
}
