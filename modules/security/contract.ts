import { defineOutputs } from "../../stacks/outputs";
import { exampleArn, exampleId, exampleUuid, perUserWithData } from "../../stacks/output-examples";
import { resourceNames } from "../../config/naming";
import { shinySignInOutputs } from "./shiny-sign-in-contract";

const keyArn = (purpose: string) => (c: Parameters<typeof exampleArn>[0]) =>
  exampleArn(c, "kms", `key/${exampleUuid(`${c.config.name}/${purpose}`)}`);
const groupId = (purpose: string) => (c: Parameters<typeof exampleArn>[0]) => exampleId("sg", `${c.config.name}/${purpose}`);
const roleArn = (role: string) => (c: Parameters<typeof exampleArn>[0]) =>
  exampleArn(c, "iam", `role/${c.config.namePrefix}-${role}`, { global: true });

export const securityOutputs = defineOutputs({
  storageKmsKeyArn: {
    name: "storage_kms_key_arn",
    type: "string",
    description: "KMS key for EFS, S3 data and ECR images.",
    example: keyArn("storage"),
  },
  logsKmsKeyArn: { name: "logs_kms_key_arn", type: "string", description: "KMS key for CloudWatch log groups.", example: keyArn("logs") },
  secretsKmsKeyArn: {
    name: "secrets_kms_key_arn",
    type: "string",
    description: "KMS key for Secrets Manager secrets.",
    example: keyArn("secrets"),
  },
  execKmsKeyArn: { name: "exec_kms_key_arn", type: "string", description: "KMS key encrypting ECS Exec sessions.", example: keyArn("exec") },
  albSecurityGroupId: {
    name: "alb_security_group_id",
    type: "string",
    description: "Security group of the load balancer.",
    example: groupId("alb"),
  },
  rstudioSecurityGroupId: {
    name: "rstudio_security_group_id",
    type: "string",
    description: "Security group of RStudio tasks.",
    example: groupId("rstudio"),
  },
  shinySecurityGroupId: {
    name: "shiny_security_group_id",
    type: "string",
    description: "Security group of Shiny tasks.",
    example: groupId("shiny"),
  },
  efsSecurityGroupId: {
    name: "efs_security_group_id",
    type: "string",
    description: "Security group of the EFS mount targets.",
    example: groupId("efs"),
  },
  sftpSecurityGroupId: {
    name: "sftp_security_group_id",
    type: "string",
    description: "Security group of the SFTP (Transfer Family) endpoint.",
    example: groupId("sftp"),
  },
  dataSyncSecurityGroupId: {
    name: "datasync_security_group_id",
    type: "string",
    description: "Security group of DataSync's network interfaces (NFS to EFS).",
    example: groupId("datasync"),
  },
  syncFunctionSecurityGroupId: {
    name: "sync_function_security_group_id",
    type: "string",
    description: "Security group of the function that starts a sync on upload.",
    example: groupId("sync-fn"),
  },
  rstudioExecutionRoleArn: {
    name: "rstudio_execution_role_arn",
    type: "string",
    description: "Role ECS uses to pull RStudio images, write its logs and read user passwords.",
    example: roleArn("rstudio-execution"),
  },
  rstudioTaskRoleArn: {
    name: "rstudio_task_role_arn",
    type: "string",
    description: "Role of the RStudio containers.",
    example: roleArn("rstudio-task"),
  },
  shinyExecutionRoleArn: {
    name: "shiny_execution_role_arn",
    type: "string",
    description: "Role ECS uses to pull Shiny images and write its logs.",
    example: roleArn("shiny-execution"),
  },
  shinyTaskRoleArn: {
    name: "shiny_task_role_arn",
    type: "string",
    description: "Role of the Shiny containers.",
    example: roleArn("shiny-task"),
  },
  webAclArn: {
    name: "web_acl_arn",
    type: "string",
    description: "WAFv2 web ACL for the load balancer.",
    example: (c) => exampleArn(c, "wafv2", `regional/webacl/${c.config.namePrefix}/${exampleUuid(`${c.config.name}/waf`)}`),
  },
  certificateArn: {
    name: "certificate_arn",
    type: "string",
    description: "Validated ACM certificate for the RStudio wildcard and Shiny host names.",
    example: (c) => exampleArn(c, "acm", `certificate/${exampleUuid(`${c.config.name}/certificate`)}`),
  },
  passwordSecretArns: {
    name: "rstudio_password_secret_arns",
    type: "map",
    description: "ARN of each RStudio user's password secret, by user name (ARNs only; values never leave Secrets Manager).",
    example: (c) => perUserWithData(c, (user) => exampleArn(c, "secretsmanager", `secret:${resourceNames(c.config.namePrefix).userSecret(user)}-AbCdEf`)),
  },
  ...shinySignInOutputs,
});
