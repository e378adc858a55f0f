import { Construct } from "constructs";
import { IResolvable, TerraformIterator } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { addressOf, inExpression, MapInput, sameKey } from "../shared/expressions";
import { movedToKey } from "../shared/moves";

/** TLS 1.3 with TLS 1.2 fallback: AWS's recommended policy for ALBs. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** The first load balancer: it keeps the plain name and carries the Shiny host. */
export const FIRST_LOAD_BALANCER = "0";

export interface LoadBalancerProps {
  readonly name: string;
  /** Load balancers by key ("0", "1", ...): as many as the users need under AWS's per-ALB quotas. */
  readonly shards: MapInput<unknown>;
  readonly publicSubnetIds: string[];
  readonly securityGroupId: string;
  readonly certificateArn: string;
  readonly webAclArn: string;
  readonly logBucketName: string;
  readonly idleTimeoutSeconds: number;
  readonly deletionProtection: boolean | IResolvable;
  readonly hostedZoneId: string;
}

/**
 * Internet-facing ALBs for every host: HTTPS (TLS 1.3 policy) with host-header rules added by the
 * services, HTTP redirected to HTTPS, invalid headers dropped, access logs and the WAF on each.
 * One per shard of users, so the number of users is not bounded by one ALB's rule quota.
 */
export class LoadBalancer extends Construct {
  readonly lb: Lb;
  readonly httpsListener: LbListener;
  /** The zone where services add their alias records. */
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    this.hostedZoneId = props.hostedZoneId;
    const shards = TerraformIterator.fromMap(props.shards);
    const name = inExpression(props.name);
    this.lb = new Lb(this, "alb", {
      forEach: shards,
      // The first keeps the plain name it had before there were shards (a new name replaces an ALB).
      name: `\${each.key == "${FIRST_LOAD_BALANCER}" ? ${name} : format("%s-%s", ${name}, each.key)}`,
      internal: false,
      loadBalancerType: "application",
      subnets: props.publicSubnetIds,
      securityGroups: [props.securityGroupId],
      idleTimeout: props.idleTimeoutSeconds,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      enableDeletionProtection: props.deletionProtection,
      enableHttp2: true,
      accessLogs: { bucket: props.logBucketName, prefix: "alb", enabled: true },
    });
    const waf = new Wafv2WebAclAssociation(this, "waf_association", {
      forEach: shards,
      resourceArn: sameKey(this.lb, "arn"),
      webAclArn: props.webAclArn,
    });
    const http = new LbListener(this, "http", {
      forEach: shards,
      loadBalancerArn: sameKey(this.lb, "arn"),
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    this.httpsListener = new LbListener(this, "https", {
      forEach: shards,
      loadBalancerArn: sameKey(this.lb, "arn"),
      port: 443,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: props.certificateArn,
      defaultAction: [
        { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" } },
      ],
    });
    // These were single resources before load balancers were sharded.
    for (const resource of [this.lb, waf, http, this.httpsListener]) movedToKey(resource, FIRST_LOAD_BALANCER);
  }

  /** An attribute of the load balancer (or its HTTPS listener) with key `shard`, an HCL expression. */
  attribute(of: "alb" | "https", shard: string, attribute: string): string {
    const resource = of === "alb" ? this.lb : this.httpsListener;
    return `\${${addressOf(resource)}[${shard}].${attribute}}`;
  }
}
