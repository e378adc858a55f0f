import { Construct } from "constructs";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { bucketNames, resourceNames } from "../../config/naming";
import { OutputValues } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { Flag, MapInput, mapWhen, mergeMaps, prefixed } from "../shared/expressions";
import { AuditTrail } from "./audit-trail";
import { Certificate } from "./certificate";
import { securityOutputs } from "./contract";
import { ServiceRoles } from "./iam";
import { Keys } from "./kms";
import { SecurityGroups } from "./security-groups";
import { ShinySignIn } from "./shiny-sign-in";
import { ThreatDetection } from "./threat-detection";
import { UserPasswords } from "./user-passwords";
import { WebAcl } from "./waf";

export { securityOutputs } from "./contract";

export interface SecurityInputs {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** Client networks allowed to reach the load balancer. */
  readonly allowedCidrs: string[];
  /** Client networks allowed to reach the SFTP endpoint; empty while SFTP is off. */
  readonly sftpAllowedCidrs: string[];
  /** When non-empty, the WAF blocks every request from elsewhere. */
  readonly wafIpAllowList: string[];
  readonly wafRateLimit: number;
  readonly hostedZoneId: string;
  readonly rstudioDomain: string;
  readonly shinyDomain: string;
  readonly createRstudio: Flag;
  readonly createShiny: Flag;
  /** RStudio users by name (active and retained); each has a password secret. */
  readonly users: MapInput<unknown>;
  readonly passwordRotationDays: number;
  readonly logRetentionDays: number;
  /** `prevent_destroy` on the KMS keys (a literal: Terraform cannot take it from a variable). */
  readonly preventDestroy: boolean;
  /** `prevent_destroy` on the password secrets; lifted only to purge a former user. */
  readonly protectUserData: boolean;
  readonly hardening: SecurityHardeningInputs;
}

/** The security layer's share of the hardening controls (config/hardening.ts). */
export interface SecurityHardeningInputs {
  /** The account's GuardDuty detector in this region (one owner per account and region). */
  readonly manageGuardDutyDetector: Flag;
  readonly guardDutyRuntimeMonitoring: Flag;
  /** The account's multi-region CloudTrail trail (one owner per account). */
  readonly manageCloudTrail: Flag;
  readonly cloudTrailRetentionDays: number;
  /** The Cognito user pool the load balancer signs Shiny users in with. */
  readonly shinySignIn: Flag;
  readonly shinyMfa: string;
  readonly shinyThreatProtection: Flag;
}

/**
 * Keys, security groups, IAM roles, the WAF web ACL, the certificate, the user passwords, and the
 * account's audit trail and threat detection, and the Shiny sign-in, where this environment owns them.
 */
export class SecurityLayer extends Construct {
  readonly outputs: OutputValues<typeof securityOutputs>;

  constructor(scope: Construct, id: string, inputs: SecurityInputs, network: Pick<OutputValues<typeof networkOutputs>, "vpcId">) {
    super(scope, id);
    const names = resourceNames(inputs.name);
    const buckets = bucketNames({ namePrefix: inputs.name, accountId: inputs.accountId, region: inputs.region });
    const partition = new DataAwsPartition(this, "partition").partition;
    const account = { accountId: inputs.accountId, region: inputs.region, partition };

    const keys = new Keys(this, "kms", { name: inputs.name, preventDestroy: inputs.preventDestroy, ...account });
    const groups = new SecurityGroups(this, "security_groups", {
      name: inputs.name,
      vpcId: network.vpcId,
      allowedCidrs: inputs.allowedCidrs,
      sftpAllowedCidrs: inputs.sftpAllowedCidrs,
    });

    const roles = (service: "rstudio" | "shiny") =>
      new ServiceRoles(this, service, {
        service,
        names,
        buckets,
        ...account,
        execKmsKeyArn: keys.exec.arn,
        storageKmsKeyArn: keys.storage.arn,
      });
    const rstudioRoles = roles("rstudio");
    const shinyRoles = roles("shiny");

    const passwords = new UserPasswords(this, "passwords", {
      names,
      users: inputs.users,
      accountId: inputs.accountId,
      region: inputs.region,
      secretsKmsKeyArn: keys.secrets.arn,
      logsKmsKeyArn: keys.logs.arn,
      logRetentionDays: inputs.logRetentionDays,
      rotationDays: inputs.passwordRotationDays,
      executionRoleId: rstudioRoles.executionRole.id,
      preventDestroy: inputs.protectUserData,
    });

    const webAcl = new WebAcl(this, "waf", {
      name: inputs.name,
      ...account,
      rateLimit: inputs.wafRateLimit,
      ipAllowList: inputs.wafIpAllowList,
      logsKmsKeyArn: keys.logs.arn,
      logRetentionDays: inputs.logRetentionDays,
    });

    const domains = mergeMaps([
      mapWhen(inputs.createRstudio, { rstudio: prefixed("*.", inputs.rstudioDomain) }),
      mapWhen(inputs.createShiny, { shiny: inputs.shinyDomain }),
    ]);
    const certificate = new Certificate(this, "certificate", { hostedZoneId: inputs.hostedZoneId, domains });

    const { hardening } = inputs;
    new ThreatDetection(this, "guardduty", {
      create: hardening.manageGuardDutyDetector,
      runtimeMonitoring: hardening.guardDutyRuntimeMonitoring,
    });
    new AuditTrail(this, "audit", {
      name: inputs.name,
      ...account,
      create: hardening.manageCloudTrail,
      retentionDays: hardening.cloudTrailRetentionDays,
      logsKmsKeyArn: keys.logs.arn,
      logRetentionDays: inputs.logRetentionDays,
      preventDestroy: inputs.preventDestroy,
    });
    const shinySignIn = new ShinySignIn(this, "shiny_sign_in", {
      name: inputs.name,
      accountId: inputs.accountId,
      shinyDomain: inputs.shinyDomain,
      create: hardening.shinySignIn,
      mfa: hardening.shinyMfa,
      threatProtection: hardening.shinyThreatProtection,
      albSecurityGroupId: groups.alb.id,
      preventDestroy: inputs.preventDestroy,
    });

    this.outputs = {
      storageKmsKeyArn: keys.storage.arn,
      logsKmsKeyArn: keys.logs.arn,
      secretsKmsKeyArn: keys.secrets.arn,
      execKmsKeyArn: keys.exec.arn,
      albSecurityGroupId: groups.alb.id,
      rstudioSecurityGroupId: groups.rstudio.id,
      shinySecurityGroupId: groups.shiny.id,
      efsSecurityGroupId: groups.efs.id,
      sftpSecurityGroupId: groups.sftp.id,
      dataSyncSecurityGroupId: groups.dataSync.id,
      syncFunctionSecurityGroupId: groups.syncFunction.id,
      rstudioExecutionRoleArn: rstudioRoles.executionRole.arn,
      rstudioTaskRoleArn: rstudioRoles.taskRole.arn,
      shinyExecutionRoleArn: shinyRoles.executionRole.arn,
      shinyTaskRoleArn: shinyRoles.taskRole.arn,
      webAclArn: webAcl.arn,
      certificateArn: certificate.arn,
      passwordSecretArns: passwords.secretArns,
      shinyUserPoolArn: shinySignIn.userPoolArn,
      shinyUserPoolClientId: shinySignIn.clientId,
      shinyUserPoolDomain: shinySignIn.domain,
    };
  }
}
