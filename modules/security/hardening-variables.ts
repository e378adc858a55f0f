import { LIMITS } from "../../config/limits";
import { ModuleContext, VariableSpecs } from "../../stacks/module-stack";
import { bounded } from "../shared/module-variables";
import { SecurityHardeningInputs } from "./index";

/** The security module's hardening variables (see config/hardening.ts for what each control does). */
export const securityHardeningVariables: VariableSpecs = {
  create_guardduty_detector: {
    type: "bool",
    description:
      "Create the account's GuardDuty detector in this region. A region has one detector per account: leave this on in exactly one call per account and region.",
    default: true,
  },
  guardduty_runtime_monitoring: {
    type: "bool",
    description: "GuardDuty ECS runtime monitoring, with GuardDuty managing its agent on every Fargate task of the account and region.",
    default: true,
  },
  create_cloudtrail: {
    type: "bool",
    description:
      "Create the account's multi-region CloudTrail trail (KMS-encrypted, log file validation) and its bucket. One trail per account is enough: leave this on in exactly one call per account.",
    default: true,
  },
  cloudtrail_retention_days: {
    type: "number",
    description: "Days CloudTrail log files stay in the audit bucket.",
    default: 365,
    validation: [bounded("cloudtrail_retention_days", LIMITS.auditRetentionDays)],
  },
  create_shiny_sign_in: {
    type: "bool",
    description:
      "Create the Cognito user pool Shiny users sign in with at the load balancer; pass its shiny_user_pool_* outputs to the workload module and set its shiny_sign_in.",
    default: false,
  },
  shiny_mfa: {
    type: "string",
    description: "ON: every Shiny user sets up an authenticator app; OPTIONAL: users choose.",
    default: "ON",
    validation: [{ condition: 'contains(["ON", "OPTIONAL"], var.shiny_mfa)', message: "The shiny_mfa must be ON or OPTIONAL." }],
  },
  shiny_threat_protection: {
    type: "bool",
    description: "Cognito threat protection for Shiny sign-in (Plus tier, billed per monthly active user).",
    default: true,
  },
};

export function securityHardeningFromVariables(vars: ModuleContext): SecurityHardeningInputs {
  return {
    manageGuardDutyDetector: vars.bool("create_guardduty_detector"),
    guardDutyRuntimeMonitoring: vars.bool("guardduty_runtime_monitoring"),
    manageCloudTrail: vars.bool("create_cloudtrail"),
    cloudTrailRetentionDays: vars.number("cloudtrail_retention_days"),
    shinySignIn: vars.bool("create_shiny_sign_in"),
    shinyMfa: vars.string("shiny_mfa"),
    shinyThreatProtection: vars.bool("shiny_threat_protection"),
  };
}
