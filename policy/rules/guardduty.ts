import { environmentRule, fail, passIf, resourceRule, Rule } from "../engine";
import { blocks, companions, ofType } from "../model";

const DETECTOR = ["aws_guardduty_detector"];

export const guardDutyRules: Rule[] = [
  environmentRule({
    id: "GD_1",
    title: "The environment has an enabled GuardDuty detector",
    mirrors: { checkov: ["CKV2_AWS_3"] },
    resourceTypes: DETECTOR,
    check: (env) => passIf(ofType(env, ...DETECTOR).some((detector) => detector.values.enable !== false), "no enabled aws_guardduty_detector"),
  }),
  resourceRule({
    id: "GD_2",
    title: "GuardDuty detector is enabled",
    mirrors: { checkov: ["CKV_AWS_238"] },
    resourceTypes: DETECTOR,
    check: (detector) => passIf(detector.values.enable !== false, "enable is false"),
  }),
  resourceRule({
    id: "GD_3",
    title: "GuardDuty detector has Runtime Monitoring on, with the agent managed on ECS Fargate",
    // No checkov or trivy check covers detector features.
    mirrors: { securityHub: ["GuardDuty.12"] },
    resourceTypes: DETECTOR,
    check: (detector, env) => {
      const monitoring = companions(env, detector, "detector_id", "aws_guardduty_detector_feature").filter((feature) => feature.values.name === "RUNTIME_MONITORING");
      const enabled = monitoring.filter((feature) => feature.values.status === "ENABLED");
      const fargate = enabled.some((feature) =>
        blocks(feature.values.additional_configuration).some((configuration) => configuration.name === "ECS_FARGATE_AGENT_MANAGEMENT" && configuration.status === "ENABLED"),
      );
      if (monitoring.length === 0) return fail("no aws_guardduty_detector_feature RUNTIME_MONITORING for this detector");
      if (enabled.length === 0) return fail(`RUNTIME_MONITORING is ${monitoring.map((feature) => feature.values.status).join(", ")}`);
      return passIf(fargate, "RUNTIME_MONITORING does not enable ECS_FARGATE_AGENT_MANAGEMENT");
    },
  }),
];
