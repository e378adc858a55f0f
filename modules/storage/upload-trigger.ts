import * as path from "path";
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DatasyncTask } from "@cdktf/provider-aws/lib/datasync-task";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { resourceNames, UPLOADS_PREFIX } from "../../config/naming";
import { MapValue } from "../../stacks/outputs";
import { encryptedLogGroup } from "../shared/log-group";
import { nodeFunction } from "../shared/node-function";
import { policyDocument, serviceTrust } from "../shared/policy";
import { AccountContext } from "./data-sync";

export const SYNC_TRIGGER_SOURCE = path.resolve(__dirname, "../../functions/datasync-trigger");

const FUNCTION_TIMEOUT = 30;
const BATCHING_WINDOW = 60;
/** Seconds before SQS hands a batch's messages out again: AWS's advice, 6x the function timeout plus the batching window. */
const VISIBILITY_TIMEOUT = 6 * FUNCTION_TIMEOUT + BATCHING_WINDOW;
/** Deliveries before an upload's event goes to the dead-letter queue: 48 x 4 min, about 3 hours. */
const MAX_RECEIVE_COUNT = 48;

export interface UploadTriggerProps extends AccountContext {
  readonly name: string;
  readonly dataBucketName: string;
  readonly task: DatasyncTask;
  readonly subnetIdsByZone: MapValue;
  readonly securityGroupId: string;
  readonly storageKmsKeyArn: string;
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
}

/**
 * S3 upload events -> EventBridge rule -> encrypted SQS queue -> function -> DataSync `on_upload`.
 * The queue coalesces (batches of up to 100 events over 60 s become one execution) and holds uploads
 * while an execution runs (the function hands the batch back; SQS retries every 4 minutes; the dead-letter queue
 * keeps what never got through). Two concurrent batches cannot both start the task: the loser sees
 * DataSync refuse and retries. See functions/datasync-trigger/trigger.js.
 */
export class UploadTrigger extends Construct {
  constructor(scope: Construct, id: string, props: UploadTriggerProps) {
    super(scope, id);
    const { accountId, region, partition } = props;
    const functionName = `${props.name}-sync-trigger`;

    new S3BucketNotification(this, "bucket_events", { bucket: props.dataBucketName, eventbridge: true });
    const rule = new CloudwatchEventRule(this, "uploaded", {
      // Named by convention: the storage key's policy (security layer) admits EventBridge for this rule only.
      name: resourceNames(props.name).uploadRule,
      description: "Objects created under uploads/ in the data bucket",
      eventPattern: Token.asString(
        Fn.jsonencode({
          source: ["aws.s3"],
          "detail-type": ["Object Created"],
          detail: { bucket: { name: [props.dataBucketName] }, object: { key: [{ prefix: UPLOADS_PREFIX }] } },
        }),
      ),
    });

    const queue = (queueId: string, suffix: string, extra: Partial<ConstructorParameters<typeof SqsQueue>[2]>) =>
      new SqsQueue(this, queueId, {
        name: `${props.name}-${suffix}`,
        kmsMasterKeyId: props.storageKmsKeyArn,
        kmsDataKeyReusePeriodSeconds: 300,
        ...extra,
      });
    const deadLetters = queue("dead_letters", "uploads-dlq", { messageRetentionSeconds: 1209600 });
    const uploads = queue("uploads", "uploads", {
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT,
      messageRetentionSeconds: 345600,
      redrivePolicy: Token.asString(Fn.jsonencode({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: MAX_RECEIVE_COUNT })),
    });
    // EventBridge sends the uploads to the queue, and what it cannot deliver to the dead-letter queue.
    const fromTheRule = (queueId: string, target: SqsQueue) =>
      new SqsQueuePolicy(this, `${queueId}_policy`, {
        queueUrl: target.url,
        policy: policyDocument(this, `${queueId}_policy_document`, [
          {
            sid: "UploadEventsFromTheRule",
            actions: ["sqs:SendMessage"],
            principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
            resources: [target.arn],
            condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: [rule.arn] }],
          },
          {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            actions: ["sqs:*"],
            principals: [{ type: "*", identifiers: ["*"] }],
            resources: [target.arn],
            condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          },
        ]),
      });
    fromTheRule("uploads", uploads);
    fromTheRule("dead_letters", deadLetters);
    new CloudwatchEventTarget(this, "to_queue", {
      rule: rule.name,
      arn: uploads.arn,
      targetId: "sync-queue",
      retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
      deadLetterConfig: { arn: deadLetters.arn },
    });
    new CloudwatchMetricAlarm(this, "dead_letters_alarm", {
      alarmName: `${props.name}-uploads-not-synced`,
      alarmDescription: "Upload events that never started a sync (see the sync trigger's log); the hourly sync still copies the files",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: deadLetters.name },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    });


    const logGroup = encryptedLogGroup(this, "log_group", {
      name: resourceNames(props.name).dataPathLogGroup("sync-trigger"),
      kmsKeyArn: props.logsKmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    const ec2Arn = (resource: string) => `arn:${partition}:ec2:${region}:${accountId}:${resource}`;
    const role = new IamRole(this, "role", { name: functionName, assumeRolePolicy: serviceTrust(this, "trust", "lambda.amazonaws.com", accountId) });
    const policy = new IamRolePolicy(this, "policy", {
      name: "start-sync",
      role: role.id,
      policy: policyDocument(this, "policy_document", [
        { sid: "StartTheUploadSync", actions: ["datasync:DescribeTask", "datasync:StartTaskExecution"], resources: [props.task.arn] },
        {
          sid: "ConsumeUploadEvents",
          actions: ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
          resources: [uploads.arn],
        },
        { sid: "DeadLetters", actions: ["sqs:SendMessage"], resources: [deadLetters.arn] },
        {
          sid: "QueueAndSettingsEncryption",
          actions: ["kms:Decrypt", "kms:GenerateDataKey"],
          resources: [props.storageKmsKeyArn],
          condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`sqs.${region}.amazonaws.com`, `lambda.${region}.amazonaws.com`] }],
        },
        { sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logGroup.arn}:*`] },
        {
          sid: "Tracing",
          actions: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
          resources: ["*"], // X-Ray trace writes have no resource-level permissions.
        },
        {
          sid: "VpcNetworkInterfaces",
          actions: ["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"],
          resources: [ec2Arn("network-interface/*"), ec2Arn("subnet/*"), ec2Arn("security-group/*")],
        },
        {
          sid: "DescribeNetworkInterfaces",
          actions: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
          resources: ["*"], // Describe calls have no resource-level permissions.
        },
      ]),
    });

    const trigger = nodeFunction(this, "function", {
      functionName,
      description: "Starts the DataSync upload sync with the uploaded files as include filter",
      sourceDirectory: SYNC_TRIGGER_SOURCE,
      assetId: "code",
      roleArn: role.arn,
      logGroupName: logGroup.name,
      environment: { variables: { TASK_ARN: props.task.arn, SOURCE_PREFIX: UPLOADS_PREFIX } },
      kmsKeyArn: props.storageKmsKeyArn,
      vpcConfig: { subnetIds: Token.asList(Fn.values(props.subnetIdsByZone)), securityGroupIds: [props.securityGroupId] },
      // The queue's redrive policy catches failed batches; this catches asynchronous invocations (a test event, a retry by hand).
      deadLetterConfig: { targetArn: deadLetters.arn },
      // Two at most: a second batch may start while the first finishes; DataSync refuses one of them.
      reservedConcurrentExecutions: 2,
      // Lambda checks the network-interface permissions when it creates a function in a VPC.
      dependsOn: [logGroup, policy],
      timeoutSeconds: FUNCTION_TIMEOUT,
    });
    new LambdaEventSourceMapping(this, "from_queue", {
      eventSourceArn: uploads.arn,
      functionName: trigger.arn,
      batchSize: 100,
      maximumBatchingWindowInSeconds: BATCHING_WINDOW,
      functionResponseTypes: ["ReportBatchItemFailures"],
      scalingConfig: { maximumConcurrency: 2 },
    });
  }
}
