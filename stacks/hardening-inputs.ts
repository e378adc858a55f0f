import { EnvironmentConfig } from "../config/load";
import { NetworkInputs } from "../modules/network";
import { SecurityHardeningInputs } from "../modules/security";
import { WorkloadHardeningInputs } from "../modules/workload";

/*
 * The hardening settings of an environment file as each layer's inputs (see config/hardening.ts).
 */

export function securityHardening(config: EnvironmentConfig): SecurityHardeningInputs {
  const { guardDuty, cloudTrail, shinyAuthentication } = config.hardening;
  return {
    manageGuardDutyDetector: guardDuty.managedBy === "this-environment",
    guardDutyRuntimeMonitoring: guardDuty.runtimeMonitoring,
    manageCloudTrail: cloudTrail.managedBy === "this-environment",
    cloudTrailRetentionDays: cloudTrail.retentionDays,
    // No Shiny, nothing to sign in to.
    shinySignIn: shinyAuthentication.enabled && config.shiny.enabled,
    shinyMfa: shinyAuthentication.mfa,
    shinyThreatProtection: shinyAuthentication.threatProtection,
  };
}

export function networkEgressFilter(config: EnvironmentConfig): NetworkInputs["egressFilter"] {
  const { enabled, allowedDomains } = config.hardening.egressFilter;
  return { enabled, allowedDomains };
}

export function workloadHardening(config: EnvironmentConfig): WorkloadHardeningInputs {
  const { shieldAdvanced, shinyAuthentication, readOnlyRootFilesystem } = config.hardening;
  return {
    shieldAdvanced: shieldAdvanced.enabled,
    shinySignIn: shinyAuthentication.enabled && config.shiny.enabled,
    shinyReadOnlyRoot: readOnlyRootFilesystem,
  };
}
