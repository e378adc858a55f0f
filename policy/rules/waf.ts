import { fail, pass, passIf, resourceRule, Rule } from "../engine";
import { block, blocks, companions, PolicyResource } from "../model";

const WEB_ACL = ["aws_wafv2_web_acl"];

/** Overrides that stop a managed rule from blocking: it only counts, or lets the request through. */
const DISARMING_ACTIONS = ["count", "allow"];

/** Why one rule running a managed group does not block with it, if it does not. */
function disarmed(rule: Record<string, any>): string | undefined {
  if (block(block(rule.override_action)?.count)) return "override_action count (the whole group only counts)";
  const overrides = blocks(block(block(rule.statement)?.managed_rule_group_statement)?.rule_action_override).flatMap((override) => {
    const action = DISARMING_ACTIONS.find((candidate) => block(block(override.action_to_use)?.[candidate]));
    return action ? [`${override.name} (${action})`] : [];
  });
  return overrides.length > 0 ? `rule_action_override disarms ${overrides.join(", ")}` : undefined;
}

/**
 * Why the ACL does not run the AWS managed rule group `name` with the group and every rule in it
 * keeping its own action; undefined when it does.
 */
function notBlocking(acl: PolicyResource, name: string): string | undefined {
  const rules = blocks(acl.values.rule).filter((rule) => {
    const group = block(block(rule.statement)?.managed_rule_group_statement);
    return group?.name === name && group?.vendor_name === "AWS";
  });
  if (rules.length === 0) return `web ACL does not run ${name}`;
  const why = rules.map(disarmed);
  return why.some((problem) => problem === undefined) ? undefined : `${name} does not block: ${why.join("; ")}`;
}

function managedGroupRule(id: string, group: string, title: string, mirrors: Rule["mirrors"]): Rule {
  return resourceRule({
    id,
    title,
    mirrors,
    resourceTypes: WEB_ACL,
    check: (acl) => {
      const why = notBlocking(acl, group);
      return why ? fail(why) : pass();
    },
  });
}

/** A logging configuration that writes some requests: no filter, DROP by default with a KEEP filter, or KEEP by default. */
function keepsSomething(configuration: PolicyResource): boolean {
  const filter = block(configuration.values.logging_filter);
  if (!filter || filter.default_behavior !== "DROP") return true;
  return blocks(filter.filter).some((entry) => entry.behavior === "KEEP");
}

export const wafRules: Rule[] = [
  managedGroupRule("WAF_1", "AWSManagedRulesKnownBadInputsRuleSet", "WAFv2 web ACL runs AWSManagedRulesKnownBadInputsRuleSet (Log4j and other known bad inputs)", {
    checkov: ["CKV_AWS_192", "CKV2_AWS_76"],
  }),
  // No scanner checks this group by name; CKV_AWS_175 (the ACL has rules) is the nearest control, this rule is stricter.
  managedGroupRule("WAF_2", "AWSManagedRulesAnonymousIpList", "WAFv2 web ACL runs AWSManagedRulesAnonymousIpList (anonymising proxies, Tor)", {
    checkov: ["CKV_AWS_175"],
  }),
  resourceRule({
    id: "WAF_3",
    title: "WAFv2 web ACL has a logging configuration that keeps some requests",
    mirrors: { checkov: ["CKV2_AWS_31", "CKV_AWS_176"] },
    resourceTypes: WEB_ACL,
    check: (acl, env) => {
      const configurations = companions(env, acl, "resource_arn", "aws_wafv2_web_acl_logging_configuration");
      if (configurations.length === 0) return fail("no aws_wafv2_web_acl_logging_configuration for this web ACL");
      return passIf(configurations.some(keepsSomething), "the logging filter drops every request (default_behavior DROP and no KEEP filter)");
    },
  }),
  resourceRule({
    id: "WAF_4",
    title: "Every WAFv2 rule has an action (or a rule group override action)",
    mirrors: { checkov: ["CKV_AWS_342"] },
    resourceTypes: WEB_ACL,
    check: (acl) => {
      const rules = blocks(acl.values.rule);
      if (rules.length === 0) return fail("web ACL has no rules");
      const without = rules.filter((rule) => block(rule.action) === undefined && block(rule.override_action) === undefined);
      return without.length === 0 ? pass() : fail(`rules without an action: ${without.map((rule) => rule.name).join(", ")}`);
    },
  }),
];
