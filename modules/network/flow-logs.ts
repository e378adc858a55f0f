import { Construct } from "constructs";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { CustomerManagedKey } from "../shared/kms-key";
import { encryptedLogGroup, logsKeyStatement } from "../shared/log-group";
import { policyDocument, serviceTrust } from "../shared/policy";

export interface FlowLogsProps {
  readonly name: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly retentionDays: number;
  readonly preventDestroy: boolean;
}

/**
 * VPC flow logs (all traffic, 1-minute aggregation) into a log group encrypted with the network
 * layer's own key: the network is applied first, before the security layer's keys exist.
 */
export class FlowLogs extends Construct {
  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const key = new CustomerManagedKey(this, "kms", {
      alias: `${props.name}/flow-logs`,
      description: `${props.name} VPC flow logs`,
      accountId: props.accountId,
      partition: props.partition,
      serviceStatements: [logsKeyStatement(props.partition, props.region, props.accountId)],
      preventDestroy: props.preventDestroy,
    });
    const group = encryptedLogGroup(this, "log_group", {
      name: `/vpc/${props.name}/flow-logs`,
      kmsKeyArn: key.arn,
      retentionDays: props.retentionDays,
    });
    const role = new IamRole(this, "role", {
      name: `${props.name}-flow-logs`,
      assumeRolePolicy: serviceTrust(this, "trust", "vpc-flow-logs.amazonaws.com", props.accountId),
    });
    new IamRolePolicy(this, "delivery", {
      name: "deliver-to-log-group",
      role: role.id,
      policy: policyDocument(this, "delivery_policy", [
        {
          sid: "WriteFlowLogs",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [group.arn, `${group.arn}:log-stream:*`],
        },
      ]),
    });
    new FlowLog(this, "flow_log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}
