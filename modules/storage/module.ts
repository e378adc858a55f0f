import { LayerModule } from "../../stacks/module-stack";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { LIMITS } from "../../config/limits";
import { accountIdVariable, bounded, nameVariable, upstreamVariable, usersVariable } from "../shared/module-variables";
import { storageOutputs } from "./contract";
import { StorageLayer } from "./index";

/** The storage layer as a Terraform module. */
export const storageModule: LayerModule = {
  layer: "storage",
  description: "EFS with per-user home and shared Shiny access points, the data and log buckets, and the ECR repositories.",
  variables: {
    name: nameVariable,
    account_id: accountIdVariable,
    private_subnet_ids_by_zone: upstreamVariable(networkOutputs.privateSubnetIdsByZone),
    storage_kms_key_arn: upstreamVariable(securityOutputs.storageKmsKeyArn),
    efs_security_group_id: upstreamVariable(securityOutputs.efsSecurityGroupId),
    rstudio_task_role_arn: upstreamVariable(securityOutputs.rstudioTaskRoleArn),
    shiny_task_role_arn: upstreamVariable(securityOutputs.shinyTaskRoleArn),
    users: usersVariable,
    access_log_retention_days: {
      type: "number",
      description: "Days to keep load balancer and S3 access logs.",
      default: 90,
      validation: [bounded("access_log_retention_days", LIMITS.accessLogRetentionDays)],
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
      },
      {
        privateSubnetIdsByZone: vars.any("private_subnet_ids_by_zone"),
        storageKmsKeyArn: vars.string("storage_kms_key_arn"),
        efsSecurityGroupId: vars.string("efs_security_group_id"),
        rstudioTaskRoleArn: vars.string("rstudio_task_role_arn"),
        shinyTaskRoleArn: vars.string("shiny_task_role_arn"),
      },
    ).outputs,
};
