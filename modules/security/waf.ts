import { Construct } from "constructs";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { Wafv2IpSet } from "@cdktf/provider-aws/lib/wafv2-ip-set";
import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { countWhen, firstInstance, hasEntries, listWhen } from "../shared/expressions";
import { encryptedLogGroup } from "../shared/log-group";
import { policyDocument } from "../shared/policy";

export interface WebAclProps {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Requests per 5 minutes from one client IP before blocking. */
  readonly rateLimit: number;
  /** When non-empty, only these networks pass. */
  readonly ipAllowList: string[];
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
}

/**
 * AWS managed rule groups, in the order AWS recommends (reputation first, then content).
 * Common rule set: `SizeRestrictions_BODY` only counts, because RStudio uploads files and saves
 * scripts in request bodies far above its 8 KB limit.
 */
export const MANAGED_RULE_GROUPS: readonly { name: string; countOnly?: string[] }[] = [
  { name: "AWSManagedRulesAmazonIpReputationList" },
  { name: "AWSManagedRulesAnonymousIpList" },
  { name: "AWSManagedRulesKnownBadInputsRuleSet" },
  { name: "AWSManagedRulesCommonRuleSet", countOnly: ["SizeRestrictions_BODY"] },
];

export const ALLOW_LIST_RULE = "block-outside-allow-list";

const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/** The regional WAFv2 web ACL in front of the load balancer, with logging to an encrypted log group. */
export class WebAcl extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const rules: Wafv2WebAclRule[] = [];
    rules.push({
      name: "rate-limit-per-ip",
      priority: 1,
      action: { block: {} },
      statement: { rate_based_statement: { limit: props.rateLimit, aggregate_key_type: "IP" } },
      visibilityConfig: visibility("rate-limit-per-ip"),
    });
    MANAGED_RULE_GROUPS.forEach((group, index) => {
      rules.push({
        name: group.name,
        priority: 10 * (index + 1),
        overrideAction: { none: {} },
        statement: {
          managed_rule_group_statement: {
            vendor_name: "AWS",
            name: group.name,
            rule_action_override: (group.countOnly ?? []).map((rule) => ({ name: rule, action_to_use: { count: {} } })),
          },
        },
        visibilityConfig: visibility(group.name),
      });
    });

    const acl = new Wafv2WebAcl(this, "web_acl", {
      name: props.name,
      description: `${props.name} load balancer`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
    });
    this.arn = acl.arn;

    // The allow-list rule exists only when the list has entries (a dynamic block, so a module's
    // variable can switch it too); it runs first and blocks everything else.
    const allowListed = countWhen(hasEntries(props.ipAllowList));
    const allowList = new Wafv2IpSet(this, "allow_list", {
      count: allowListed,
      name: `${props.name}-allow-list`,
      scope: "REGIONAL",
      ipAddressVersion: "IPV4",
      addresses: props.ipAllowList,
    });
    acl.addOverride("dynamic.rule", {
      for_each: listWhen(hasEntries(props.ipAllowList), [ALLOW_LIST_RULE]),
      content: {
        name: ALLOW_LIST_RULE,
        priority: 0,
        action: { block: {} },
        statement: { not_statement: { statement: { ip_set_reference_statement: { arn: firstInstance(allowList, "arn") } } } },
        visibility_config: { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: ALLOW_LIST_RULE },
      },
    });

    // WAF only delivers to log groups whose name starts with `aws-waf-logs-`.
    const logGroup = encryptedLogGroup(this, "log_group", {
      name: `aws-waf-logs-${props.name}`,
      kmsKeyArn: props.logsKmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    const deliveryPolicy = new CloudwatchLogResourcePolicy(this, "log_delivery_policy", {
      policyName: `${props.name}-waf-log-delivery`,
      policyDocument: policyDocument(this, "log_delivery_policy_document", [
        {
          sid: "WafLogDelivery",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
          resources: [`${logGroup.arn}:*`],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [`arn:${props.partition}:logs:${props.region}:${props.accountId}:*`],
            },
          ],
        },
      ]),
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: acl.arn,
      logDestinationConfigs: [logGroup.arn],
      redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
      dependsOn: [deliveryPolicy],
    });
  }
}
