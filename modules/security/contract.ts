import { defineOutputs } from "../../stacks/outputs";

export const securityOutputs = defineOutputs({
  storageKmsKeyArn: { name: "storage_kms_key_arn", type: "string", description: "KMS key for EFS, S3 data and ECR images." },
  logsKmsKeyArn: { name: "logs_kms_key_arn", type: "string", description: "KMS key for CloudWatch log groups." },
  secretsKmsKeyArn: { name: "secrets_kms_key_arn", type: "string", description: "KMS key for Secrets Manager secrets." },
  execKmsKeyArn: { name: "exec_kms_key_arn", type: "string", description: "KMS key encrypting ECS Exec sessions." },
  albSecurityGroupId: { name: "alb_security_group_id", type: "string", description: "Security group of the load balancer." },
  rstudioSecurityGroupId: { name: "rstudio_security_group_id", type: "string", description: "Security group of RStudio tasks." },
  shinySecurityGroupId: { name: "shiny_security_group_id", type: "string", description: "Security group of Shiny tasks." },
  efsSecurityGroupId: { name: "efs_security_group_id", type: "string", description: "Security group of the EFS mount targets." },
  rstudioExecutionRoleArn: {
    name: "rstudio_execution_role_arn",
    type: "string",
    description: "Role ECS uses to pull RStudio images, write its logs and read user passwords.",
  },
  rstudioTaskRoleArn: { name: "rstudio_task_role_arn", type: "string", description: "Role of the RStudio containers." },
  shinyExecutionRoleArn: {
    name: "shiny_execution_role_arn",
    type: "string",
    description: "Role ECS uses to pull Shiny images and write its logs.",
  },
  shinyTaskRoleArn: { name: "shiny_task_role_arn", type: "string", description: "Role of the Shiny containers." },
  webAclArn: { name: "web_acl_arn", type: "string", description: "WAFv2 web ACL for the load balancer." },
  certificateArn: {
    name: "certificate_arn",
    type: "string",
    description: "Validated ACM certificate for the RStudio wildcard and Shiny host names.",
  },
  passwordSecretArns: {
    name: "rstudio_password_secret_arns",
    type: "map",
    description: "ARN of each RStudio user's password secret, by user name (ARNs only; values never leave Secrets Manager).",
  },
});
