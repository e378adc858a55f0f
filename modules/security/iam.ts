import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ResourceNames, Service } from "../../config/naming";
import { policyDocument, serviceTrust, Statement } from "../shared/policy";
import { suppressPolicy } from "../shared/policy-suppressions";

export interface ServiceRolesProps {
  readonly service: Service;
  readonly names: ResourceNames;
  /** The data bucket the containers read, and the bucket Athena writes query results to. */
  readonly buckets: { readonly data: string; readonly athenaResults: string };
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly execKmsKeyArn: string;
  readonly storageKmsKeyArn: string;
}

/**
 * The two roles of one ECS service: the execution role (ECS pulls the image, writes logs and injects
 * secrets) and the task role (what the containers themselves may do: ECS Exec, read the data bucket,
 * and for RStudio, query Athena in the environment's workgroup).
 * Resources of later layers are named by convention (`config/naming.ts`), never by wildcard actions.
 */
export class ServiceRoles extends Construct {
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;

  constructor(scope: Construct, id: string, props: ServiceRolesProps) {
    super(scope, id);
    const { names, partition, region, accountId, service } = props;
    const arn = (svc: string, resource: string) => `arn:${partition}:${svc}:${region}:${accountId}:${resource}`;
    const logGroupArn = (name: string) => arn("logs", `log-group:${name}`);
    const trust = serviceTrust(this, "trust", "ecs-tasks.amazonaws.com", accountId, { sourceArn: arn("ecs", "*"), sid: "EcsTasksOfThisAccount" });

    this.executionRole = new IamRole(this, "execution_role", {
      name: `${names.prefix}-${service}-execution`,
      assumeRolePolicy: trust,
    });
    const executionStatements: Statement[] = [
      {
        sid: "EcrAuthentication",
        actions: ["ecr:GetAuthorizationToken"],
        resources: ["*"], // GetAuthorizationToken has no resource-level permissions.
      },
      {
        sid: "PullImages",
        actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        resources: [arn("ecr", `repository/${names.ecrRepository(service)}`)],
      },
      {
        // GuardDuty runtime monitoring adds its agent to every task; its registry account differs per region.
        sid: "PullGuardDutyAgent",
        actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        resources: [`arn:${partition}:ecr:${region}:*:repository/aws-guardduty-agent-fargate`],
      },
      {
        sid: "WriteContainerLogs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`${logGroupArn(names.serviceLogGroup(service))}:log-stream:*`],
      },
    ];
    const executionPolicy = new IamRolePolicy(this, "execution_policy", {
      name: "ecs-execution",
      role: this.executionRole.id,
      policy: policyDocument(this, "execution_policy_document", executionStatements),
    });
    suppressPolicy(
      executionPolicy,
      "IAM_5",
      "ecr:GetAuthorizationToken has no resource-level permissions: ECS needs it on * to pull the service's images from ECR",
    );

    this.taskRole = new IamRole(this, "task_role", {
      name: `${names.prefix}-${service}-task`,
      assumeRolePolicy: trust,
    });
    const dataBucketArn = `arn:${partition}:s3:::${props.buckets.data}`;
    new IamRolePolicy(this, "task_policy", {
      name: "containers",
      role: this.taskRole.id,
      policy: policyDocument(this, "task_policy_document", [
        {
          sid: "EcsExecChannels",
          actions: [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
          ],
          resources: ["*"], // Session Manager channels have no resource-level permissions.
        },
        {
          sid: "EcsExecSessionKey",
          actions: ["kms:Decrypt"],
          resources: [props.execKmsKeyArn],
        },
        {
          sid: "EcsExecFindLogGroup",
          actions: ["logs:DescribeLogGroups"],
          resources: ["*"], // DescribeLogGroups has no resource-level permissions.
        },
        {
          sid: "EcsExecWriteSessionLogs",
          actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
          resources: [logGroupArn(names.execLogGroup), `${logGroupArn(names.execLogGroup)}:log-stream:*`],
        },
        {
          sid: "ListDataBucket",
          actions: ["s3:GetBucketLocation", "s3:ListBucket"],
          resources: [dataBucketArn],
        },
        {
          sid: "ReadData",
          actions: ["s3:GetObject", "s3:GetObjectVersion"],
          resources: [`${dataBucketArn}/*`],
        },
        {
          sid: "DecryptData",
          actions: ["kms:Decrypt"],
          resources: [props.storageKmsKeyArn],
          condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`] }],
        },
        ...(service === "rstudio" ? athenaStatements(props, arn) : []),
      ]),
    });
  }
}

/** Queries in the environment's workgroup only, over the Glue database's tables, results in their own bucket. */
function athenaStatements(props: ServiceRolesProps, arn: (service: string, resource: string) => string): Statement[] {
  const { names, partition, region } = props;
  const resultsArn = `arn:${partition}:s3:::${props.buckets.athenaResults}`;
  return [
    {
      sid: "AthenaQueriesInWorkgroup",
      actions: [
        "athena:GetQueryExecution",
        "athena:GetQueryResults",
        "athena:GetQueryResultsStream",
        "athena:GetWorkGroup",
        "athena:ListQueryExecutions",
        "athena:StartQueryExecution",
        "athena:StopQueryExecution",
      ],
      resources: [arn("athena", `workgroup/${names.athenaWorkgroup}`)],
    },
    {
      // What the Athena JDBC and ODBC drivers read to browse schemas (DatabaseMetaData).
      sid: "AthenaCatalogMetadata",
      actions: ["athena:GetDataCatalog", "athena:GetDatabase", "athena:GetTableMetadata", "athena:ListDatabases", "athena:ListTableMetadata"],
      resources: [arn("athena", "datacatalog/AwsDataCatalog")],
    },
    {
      // ListDataCatalogs has no resource type: it is granted on "*" or not at all (it returns catalog names only).
      sid: "AthenaListCatalogs",
      actions: ["athena:ListDataCatalogs"],
      resources: ["*"],
    },
    {
      // Athena resolves a query without a schema in the `default` database; its tables stay out of reach.
      sid: "AthenaDefaultDatabase",
      actions: ["glue:GetDatabase"],
      resources: [arn("glue", "catalog"), arn("glue", "database/default")],
    },
    {
      sid: "AthenaDataCatalog",
      actions: [
        "glue:GetDatabase",
        "glue:GetDatabases",
        "glue:GetPartition",
        "glue:GetPartitions",
        "glue:GetTable",
        "glue:GetTables",
      ],
      resources: [
        arn("glue", "catalog"),
        arn("glue", `database/${names.glueDatabase}`),
        arn("glue", `table/${names.glueDatabase}/*`),
      ],
    },
    {
      // Data scientists define their own tables over the data bucket (CREATE EXTERNAL TABLE, MSCK REPAIR).
      sid: "AthenaTableDefinitions",
      actions: [
        "glue:BatchCreatePartition",
        "glue:BatchDeletePartition",
        "glue:CreatePartition",
        "glue:CreateTable",
        "glue:DeletePartition",
        "glue:DeleteTable",
        "glue:UpdatePartition",
        "glue:UpdateTable",
      ],
      resources: [
        arn("glue", "catalog"),
        arn("glue", `database/${names.glueDatabase}`),
        arn("glue", `table/${names.glueDatabase}/*`),
      ],
    },
    {
      sid: "AthenaResultsBucket",
      actions: ["s3:GetBucketLocation", "s3:ListBucket"],
      resources: [resultsArn],
    },
    {
      sid: "AthenaResults",
      actions: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
      resources: [`${resultsArn}/*`],
    },
    {
      sid: "AthenaResultsEncryption",
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: [props.storageKmsKeyArn],
      condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${region}.amazonaws.com`, `athena.${region}.amazonaws.com`] }],
    },
  ];
}
