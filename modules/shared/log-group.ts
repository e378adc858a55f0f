import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KEY_SERVICE_ACTIONS } from "./kms-key";
import { Statement } from "./policy";

export interface EncryptedLogGroupProps {
  /** For a group that exists only with the resources it serves. @default always */
  readonly count?: number;
  readonly name: string;
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
}

/** A CloudWatch log group encrypted with a customer-managed key, with a finite retention. */
export function encryptedLogGroup(scope: Construct, id: string, props: EncryptedLogGroupProps): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, {
    count: props.count,
    name: props.name,
    kmsKeyId: props.kmsKeyArn,
    retentionInDays: props.retentionDays,
  });
}

/** Key-policy statement: CloudWatch Logs may use the key for this account's log groups in this region only. */
export function logsKeyStatement(partition: string, region: string, accountId: string): Statement {
  return {
    sid: "CloudWatchLogsUse",
    actions: KEY_SERVICE_ACTIONS,
    resources: ["*"],
    principals: [{ type: "Service", identifiers: [`logs.${region}.amazonaws.com`] }],
    condition: [
      {
        test: "ArnLike",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [`arn:${partition}:logs:${region}:${accountId}:log-group:*`],
      },
    ],
  };
}
