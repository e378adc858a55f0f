import { LayerModule } from "../../stacks/module-stack";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { LIMITS } from "../../config/limits";
import { accountIdVariable, bounded, logRetentionVariable, nameVariable, upstreamVariable, usersVariable } from "../shared/module-variables";
import { SSH_PUBLIC_KEY_PATTERN, SYNC_SCHEDULE_PATTERN, USER_NAME_PATTERN } from "../../config/schema";
import { storageOutputs } from "./contract";
import { StorageLayer } from "./index";

/** The storage layer as a Terraform module. */
export const storageModule: LayerModule = {
  layer: "storage",
  description: "EFS with per-user home and shared Shiny access points, the data and log buckets, and the ECR repositories.",
  variables: {
    name: nameVariable,
    account_id: accountIdVariable,
    vpc_id: upstreamVariable(networkOutputs.vpcId),
    public_subnet_ids: upstreamVariable(networkOutputs.publicSubnetIds),
    private_subnet_ids_by_zone: upstreamVariable(networkOutputs.privateSubnetIdsByZone),
    storage_kms_key_arn: upstreamVariable(securityOutputs.storageKmsKeyArn),
    logs_kms_key_arn: upstreamVariable(securityOutputs.logsKmsKeyArn),
    efs_security_group_id: upstreamVariable(securityOutputs.efsSecurityGroupId),
    sftp_security_group_id: upstreamVariable(securityOutputs.sftpSecurityGroupId),
    datasync_security_group_id: upstreamVariable(securityOutputs.dataSyncSecurityGroupId),
    sync_function_security_group_id: upstreamVariable(securityOutputs.syncFunctionSecurityGroupId),
    rstudio_task_role_arn: upstreamVariable(securityOutputs.rstudioTaskRoleArn),
    shiny_task_role_arn: upstreamVariable(securityOutputs.shinyTaskRoleArn),
    users: usersVariable,
    access_log_retention_days: {
      type: "number",
      description: "Days to keep load balancer and S3 access logs.",
      default: 90,
      validation: [bounded("access_log_retention_days", LIMITS.accessLogRetentionDays)],
    },
    log_retention_days: logRetentionVariable("log_retention_days", "Days to keep SFTP, DataSync and sync-function logs.", 365),
    sftp_enabled: { type: "bool", description: "Create the SFTP server (AWS Transfer Family, billed per hour).", default: false },
    sftp_public_endpoint: {
      type: "bool",
      description: "Give the SFTP endpoint Elastic IPs in the public subnets; otherwise it is reachable from the VPC only.",
      default: false,
    },
    sftp_users: {
      type: "map(object({ ssh_public_key = string }))",
      description: "SFTP users by name, each with an OpenSSH public key; a user sees only uploads/<name>/ of the data bucket.",
      default: {},
      validation: [
        {
          condition: `alltrue([for name in keys(var.sftp_users) : can(regex(${JSON.stringify(USER_NAME_PATTERN.source)}, name))])`,
          message: "Each SFTP user name must be a lower-case DNS label of at most 17 characters, starting with a letter.",
        },
        {
          condition: `alltrue([for user in values(var.sftp_users) : can(regex(${JSON.stringify(SSH_PUBLIC_KEY_PATTERN.source)}, user.ssh_public_key))])`,
          message: "Each SFTP user's ssh_public_key must be one OpenSSH public key line (ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521).",
        },
      ],
    },
    sync_schedule: {
      type: "string",
      description: "DataSync schedule of the full S3 -> EFS sync (uploads also start one of their own).",
      default: "rate(1 hour)",
      validation: [{ condition: `can(regex(${JSON.stringify(SYNC_SCHEDULE_PATTERN.source)}, var.sync_schedule))`, message: "The sync_schedule must be cron(...) or rate(N hours|days)." }],
    },
    athena_bytes_scanned_cutoff_per_query_gb: {
      type: "number",
      description: "Largest scan one Athena query may make, in GB.",
      default: 100,
      validation: [bounded("athena_bytes_scanned_cutoff_per_query_gb", LIMITS.athenaQueryCutoffGb)],
    },
    athena_result_retention_days: {
      type: "number",
      description: "Days to keep Athena query results.",
      default: 30,
      validation: [bounded("athena_result_retention_days", LIMITS.athenaResultRetentionDays)],
    },
    backup_schedule: { type: "string", description: "When the daily EFS backup starts (cron, UTC).", default: "cron(0 3 * * ? *)" },
    backup_retention_days: {
      type: "number",
      description: "Days to keep each EFS backup.",
      default: 35,
      validation: [bounded("backup_retention_days", LIMITS.backupRetentionDays)],
    },
  },
  outputs: storageOutputs,
  build: (scope, id, vars) =>
    new StorageLayer(
      scope,
      id,
      {
        name: vars.string("name"),
        accountId: vars.string("account_id"),
        region: vars.region,
        users: vars.any("users"),
        accessLogRetentionDays: vars.number("access_log_retention_days"),
        preventDestroy: true,
        protectUserData: true,
        sftp: { enabled: vars.bool("sftp_enabled"), publicEndpoint: vars.bool("sftp_public_endpoint"), users: vars.any("sftp_users") },
        syncSchedule: vars.string("sync_schedule"),
        athena: {
          bytesScannedCutoffPerQueryGb: vars.number("athena_bytes_scanned_cutoff_per_query_gb"),
          resultRetentionDays: vars.number("athena_result_retention_days"),
        },
        backup: { schedule: vars.string("backup_schedule"), retentionDays: vars.number("backup_retention_days") },
        logRetentionDays: vars.number("log_retention_days"),
      },
      {
        vpcId: vars.string("vpc_id"),
        publicSubnetIds: vars.list("public_subnet_ids"),
        privateSubnetIdsByZone: vars.any("private_subnet_ids_by_zone"),
        storageKmsKeyArn: vars.string("storage_kms_key_arn"),
        logsKmsKeyArn: vars.string("logs_kms_key_arn"),
        efsSecurityGroupId: vars.string("efs_security_group_id"),
        sftpSecurityGroupId: vars.string("sftp_security_group_id"),
        dataSyncSecurityGroupId: vars.string("datasync_security_group_id"),
        syncFunctionSecurityGroupId: vars.string("sync_function_security_group_id"),
        rstudioTaskRoleArn: vars.string("rstudio_task_role_arn"),
        shinyTaskRoleArn: vars.string("shiny_task_role_arn"),
      },
    ).outputs,
};
