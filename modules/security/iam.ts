import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ResourceNames, Service } from "../../config/naming";
import { policyDocument, Statement } from "../shared/policy";
import { suppressPolicy } from "../shared/policy-suppressions";

export interface ServiceRolesProps {
  readonly service: Service;
  readonly names: ResourceNames;
  /** The data bucket the containers read. */
  readonly dataBucket: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly execKmsKeyArn: string;
  readonly storageKmsKeyArn: string;
}

/**
 * The two roles of one ECS service: the execution role (ECS pulls the image, writes logs and injects
 * secrets) and the task role (what the containers themselves may do: ECS Exec, read the data bucket).
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
    const trust = policyDocument(this, "trust", [
      {
        sid: "EcsTasksOfThisAccount",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [arn("ecs", "*")] },
        ],
      },
    ]);

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
    const dataBucketArn = `arn:${partition}:s3:::${props.dataBucket}`;
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
      ]),
    });
  }
}
