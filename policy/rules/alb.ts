import { fail, notApplicable, pass, passIf, resourceRule, Rule } from "../engine";
import { block, blocks, companions, PolicyResource } from "../model";

const LOAD_BALANCER = ["aws_lb", "aws_alb"];
const LISTENER = ["aws_lb_listener", "aws_alb_listener"];
const LISTENER_RULE = ["aws_lb_listener_rule", "aws_alb_listener_rule"];
/** Listener rule actions that answer with the application (or sign users in) rather than redirect. */
const SERVING_ACTION = /^(forward|authenticate-(cognito|oidc))$/;

/**
 * Listener policies whose minimum is TLS 1.2. The TLS13 family names its minimum after `TLS13-`:
 * `TLS13-1-0-*` and `TLS13-1-1-*` add TLS 1.3 but still accept 1.0 and 1.1.
 */
export const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

const isApplication = (lb: PolicyResource) => (lb.values.load_balancer_type ?? "application") === "application";

export const albRules: Rule[] = [
  resourceRule({
    id: "ALB_1",
    title: "HTTPS listener uses a TLS 1.2+ security policy",
    mirrors: { checkov: ["CKV_AWS_103"], trivy: ["AVD-AWS-0047"] },
    resourceTypes: LISTENER,
    check: (listener) => {
      if (!["HTTPS", "TLS"].includes(listener.values.protocol)) return notApplicable(`${listener.values.protocol ?? "HTTP"} listener (see ALB_2)`);
      const policy = listener.values.ssl_policy ?? "ELBSecurityPolicy-2016-08";
      return passIf(TLS12_POLICY.test(policy), `ssl_policy ${policy} allows TLS older than 1.2`);
    },
  }),
  resourceRule({
    id: "ALB_2",
    title: "Listener serves HTTPS, or redirects HTTP to HTTPS and has no rule that forwards or signs in over HTTP",
    mirrors: { checkov: ["CKV_AWS_2", "CKV2_AWS_20"], trivy: ["AVD-AWS-0054"] },
    resourceTypes: LISTENER,
    check: (listener, env) => {
      if (["HTTPS", "TLS"].includes(listener.values.protocol)) return pass();
      const protocol = listener.values.protocol ?? "HTTP";
      const redirects = blocks(listener.values.default_action).some(
        (action) => action.type === "redirect" && block(action.redirect)?.protocol === "HTTPS",
      );
      if (!redirects) return fail(`${protocol} listener does not redirect to HTTPS`);
      const serving = companions(env, listener, "listener_arn", ...LISTENER_RULE).flatMap((rule) => {
        if (rule.values.dynamic?.action !== undefined) return [`${rule.name} (actions from a dynamic block cannot be read)`];
        const types = blocks(rule.values.action).map((action) => String(action.type)).filter((type) => SERVING_ACTION.test(type));
        return types.length > 0 ? [`${rule.name} (${types.join(", ")})`] : [];
      });
      return passIf(serving.length === 0, `${protocol} listener has rules that serve without TLS: ${serving.join(", ")}`);
    },
  }),
  resourceRule({
    id: "ALB_3",
    title: "Application load balancer drops invalid HTTP header fields",
    mirrors: { checkov: ["CKV_AWS_131"], trivy: ["AVD-AWS-0052"] },
    resourceTypes: LOAD_BALANCER,
    check: (lb) => (isApplication(lb) ? passIf(lb.values.drop_invalid_header_fields === true, "drop_invalid_header_fields is not true") : notApplicable("not an application load balancer")),
  }),
  resourceRule({
    id: "ALB_4",
    title: "Load balancer writes access logs",
    mirrors: { checkov: ["CKV_AWS_91"] },
    resourceTypes: LOAD_BALANCER,
    check: (lb) => {
      const logs = block(lb.values.access_logs);
      return passIf(logs?.enabled === true && Boolean(logs?.bucket), "access_logs are not enabled with a bucket");
    },
  }),
  resourceRule({
    id: "ALB_5",
    title: "Internet-facing application load balancer is protected by a WAFv2 web ACL",
    mirrors: { checkov: ["CKV2_AWS_28"] },
    resourceTypes: LOAD_BALANCER,
    check: (lb, env) => {
      if (lb.values.internal === true || !isApplication(lb)) return notApplicable("internal, or not an application load balancer");
      return passIf(companions(env, lb, "resource_arn", "aws_wafv2_web_acl_association").length > 0, "no aws_wafv2_web_acl_association for this load balancer");
    },
  }),
  resourceRule({
    id: "ALB_6",
    title: "Load balancer has deletion protection in production",
    mirrors: { checkov: ["CKV_AWS_150"] },
    resourceTypes: LOAD_BALANCER,
    check: (lb, env) =>
      env.production ? passIf(lb.values.enable_deletion_protection === true, "enable_deletion_protection is not true") : notApplicable(`${env.name} is not production`),
  }),
  resourceRule({
    id: "ALB_7",
    title: "Application load balancer uses defensive or strictest desync mitigation",
    mirrors: { checkov: ["CKV_AWS_328"] },
    resourceTypes: LOAD_BALANCER,
    check: (lb) => {
      if (!isApplication(lb)) return notApplicable("not an application load balancer");
      const mode = lb.values.desync_mitigation_mode ?? "defensive";
      return passIf(["defensive", "strictest"].includes(mode), `desync_mitigation_mode is ${mode}`);
    },
  }),
];
