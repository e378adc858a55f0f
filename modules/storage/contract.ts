import { defineOutputs } from "../../stacks/outputs";

export const storageOutputs = defineOutputs({
  fileSystemId: { name: "efs_file_system_id", type: "string", description: "ID of the EFS file system." },
  fileSystemArn: { name: "efs_file_system_arn", type: "string", description: "ARN of the EFS file system." },
  homeAccessPointIds: {
    name: "rstudio_home_access_point_ids",
    type: "map",
    description: "EFS access point of each RStudio user's home directory, by user name.",
  },
  shinyAppsAccessPointId: {
    name: "shiny_apps_access_point_id",
    type: "string",
    description: "EFS access point of the shared Shiny apps directory.",
  },
  dataBucketName: { name: "data_bucket_name", type: "string", description: "S3 bucket for data uploads." },
  dataBucketArn: { name: "data_bucket_arn", type: "string", description: "ARN of the S3 data bucket." },
  logBucketName: {
    name: "log_bucket_name",
    type: "string",
    description: "S3 bucket receiving load balancer and S3 access logs.",
  },
  rstudioRepositoryUrl: { name: "rstudio_repository_url", type: "string", description: "ECR repository of the RStudio image." },
  shinyRepositoryUrl: { name: "shiny_repository_url", type: "string", description: "ECR repository of the Shiny image." },
});
