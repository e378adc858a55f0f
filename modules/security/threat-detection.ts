import { Construct } from "constructs";
import { Token } from "cdktf";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { choose, countWhen, firstInstance, Flag } from "../shared/expressions";
import { suppressPolicy } from "../shared/policy-suppressions";

/** The policy rule a detector without ECS runtime monitoring breaks. */
const RUNTIME_MONITORING_POLICY = "GD_3";

const RUNTIME_MONITORING_OFF_REASON =
  "the environment switches GuardDuty runtime monitoring off (hardening.guardDuty.runtimeMonitoring: false): no GuardDuty agent runs beside the Fargate tasks of this account and region, so what happens inside them (processes, files, connections) goes unwatched; the detector still analyses CloudTrail, VPC flow logs and DNS queries";

export interface ThreatDetectionProps {
  /** Create the account's detector in this region; one environment (or module call) per account and region does. */
  readonly create: Flag;
  /** ECS runtime monitoring, with GuardDuty managing its agent on every Fargate task of the account and region. */
  readonly runtimeMonitoring: Flag;
}

/** The GuardDuty detector of the account and region, with ECS (Fargate) runtime monitoring. */
export class ThreatDetection extends Construct {
  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    const count = countWhen(props.create);
    const detector = new GuarddutyDetector(this, "detector", {
      count,
      enable: true,
      findingPublishingFrequency: "FIFTEEN_MINUTES",
    });
    if (props.create === false) {
      suppressPolicy(
        detector,
        "GD_1",
        "one GuardDuty detector serves a whole account and region: another environment of the same account and region, or the organization (a delegated administrator) creates it (hardening.guardDuty.managedBy is not this-environment here)",
      );
    }
    if (props.create !== false && props.runtimeMonitoring === false) {
      suppressPolicy(detector, RUNTIME_MONITORING_POLICY, RUNTIME_MONITORING_OFF_REASON);
    }
    // Always declared with the detector, so switching monitoring off is an explicit DISABLED.
    const status = Token.asString(choose(props.runtimeMonitoring, "ENABLED", "DISABLED"));
    new GuarddutyDetectorFeature(this, "runtime_monitoring", {
      count,
      detectorId: firstInstance(detector, "id"),
      name: "RUNTIME_MONITORING",
      status,
      additionalConfiguration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status }],
    });
  }
}
