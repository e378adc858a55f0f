import { Construct } from "constructs";
import { IResolvable } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";

/** TLS 1.3 with TLS 1.2 fallback: AWS's recommended policy for ALBs. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface LoadBalancerProps {
  readonly name: string;
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
 * One internet-facing ALB for every host: HTTPS (TLS 1.3 policy) with host-header rules added by
 * the services, HTTP redirected to HTTPS, invalid headers dropped, access logs and the WAF.
 */
export class LoadBalancer extends Construct {
  readonly lb: Lb;
  readonly httpsListener: LbListener;
  /** The zone where services add their alias records. */
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    this.hostedZoneId = props.hostedZoneId;
    this.lb = new Lb(this, "alb", {
      name: props.name,
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
    new Wafv2WebAclAssociation(this, "waf_association", {
      resourceArn: this.lb.arn,
      webAclArn: props.webAclArn,
    });
    new LbListener(this, "http", {
      loadBalancerArn: this.lb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ],
    });
    this.httpsListener = new LbListener(this, "https", {
      loadBalancerArn: this.lb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: props.certificateArn,
      defaultAction: [
        { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" } },
      ],
    });
  }
}
