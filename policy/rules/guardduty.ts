import { environmentRule, passIf, resourceRule, Rule } from "../engine";
import { ofType } from "../model";

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
];
