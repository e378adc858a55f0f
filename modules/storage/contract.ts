import { defineOutputs } from "../../stacks/outputs";
import { exampleArn, exampleId, perUserWithData } from "../../stacks/output-examples";
import { bucketNames, resourceNames } from "../../config/naming";

const registry = (c: Parameters<typeof exampleArn>[0]) => `${c.config.accountId}.dkr.ecr.${c.config.region}.amazonaws.com`;
const fileSystemId = (c: Parameters<typeof exampleArn>[0]) => exampleId("fs", `${c.config.name}/efs`).slice(0, 20);

export const storageOutputs = defineOutputs({
  fileSystemId: { name: "efs_file_system_id", type: "string", description: "ID of the EFS file system.", example: fileSystemId },
  fileSystemArn: {
    name: "efs_file_system_arn",
    type: "string",
    description: "ARN of the EFS file system.",
    example: (c) => exampleArn(c, "elasticfilesystem", `file-system/${fileSystemId(c)}`),
  },
  homeAccessPointIds: {
    name: "rstudio_home_access_point_ids",
    type: "map",
    description: "EFS access point of each RStudio user's home directory, by user name.",
    example: (c) => perUserWithData(c, (user) => exampleId("fsap", `${c.config.name}/home/${user}`)),
  },
  shinyAppsAccessPointId: {
    name: "shiny_apps_access_point_id",
    type: "string",
    description: "EFS access point of the shared Shiny apps directory.",
    example: (c) => exampleId("fsap", `${c.config.name}/shiny-apps`),
  },
  dataBucketName: {
    name: "data_bucket_name",
    type: "string",
    description: "S3 bucket for data uploads.",
    example: (c) => bucketNames(c.config).data,
  },
  dataBucketArn: {
    name: "data_bucket_arn",
    type: "string",
    description: "ARN of the S3 data bucket.",
    example: (c) => `arn:${c.partition}:s3:::${bucketNames(c.config).data}`,
  },
  logBucketName: {
    name: "log_bucket_name",
    type: "string",
    description: "S3 bucket receiving load balancer and S3 access logs.",
    example: (c) => bucketNames(c.config).logs,
  },
  rstudioRepositoryUrl: {
    name: "rstudio_repository_url",
    type: "string",
    description: "ECR repository of the RStudio image.",
    example: (c) => `${registry(c)}/${resourceNames(c.config.namePrefix).ecrRepository("rstudio")}`,
  },
  shinyRepositoryUrl: {
    name: "shiny_repository_url",
    type: "string",
    description: "ECR repository of the Shiny image.",
    example: (c) => `${registry(c)}/${resourceNames(c.config.namePrefix).ecrRepository("shiny")}`,
  },
  dataAccessPointId: {
    name: "data_access_point_id",
    type: "string",
    description: "EFS access point of the synced upload data (read-only at /srv/data in the containers).",
    example: (c) => exampleId("fsap", `${c.config.name}/data`),
  },
  athenaWorkgroupName: {
    name: "athena_workgroup_name",
    type: "string",
    description: "Athena workgroup for R sessions (configuration enforced).",
    example: (c) => resourceNames(c.config.namePrefix).athenaWorkgroup,
  },
  athenaResultsLocation: {
    name: "athena_results_location",
    type: "string",
    description: "S3 location of Athena query results (KMS-encrypted).",
    example: (c) => `s3://${bucketNames(c.config).athenaResults}/results/`,
  },
  glueDatabaseName: {
    name: "glue_database_name",
    type: "string",
    description: "Glue database for Athena tables over the data bucket.",
    example: (c) => resourceNames(c.config.namePrefix).glueDatabase,
  },
  sftpServerId: {
    name: "sftp_server_id",
    type: "string",
    description: "ID of the SFTP server (empty while SFTP is off).",
    example: (c) => (c.config.sftp.enabled ? exampleId("s", `${c.config.name}/sftp`).slice(0, 19) : ""),
  },
});
