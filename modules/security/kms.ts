import { Construct } from "constructs";
import { resourceNames } from "../../config/naming";
import { CustomerManagedKey } from "../shared/kms-key";
import { logsKeyStatement } from "../shared/log-group";
import { Statement } from "../shared/policy";

export interface KeysProps {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly preventDestroy: boolean;
}

/** One customer-managed key per purpose, so access to one kind of data never implies another. */
export class Keys extends Construct {
  readonly storage: CustomerManagedKey;
  readonly logs: CustomerManagedKey;
  readonly secrets: CustomerManagedKey;
  readonly exec: CustomerManagedKey;

  constructor(scope: Construct, id: string, props: KeysProps) {
    super(scope, id);
    const key = (purpose: string, description: string, serviceStatements: Statement[] = []) =>
      new CustomerManagedKey(this, purpose, {
        alias: `${props.name}/${purpose}`,
        description: `${props.name}: ${description}`,
        accountId: props.accountId,
        partition: props.partition,
        serviceStatements,
        preventDestroy: props.preventDestroy,
      });
    this.storage = key("storage", "EFS file system and its backups, S3 data and query-result buckets, ECR images, upload event queues", [
      {
        // EventBridge delivers S3 upload events to the encrypted sync queue.
        sid: "EventBridgeToUploadQueue",
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: ["*"],
        principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
          {
            test: "ArnLike",
            variable: "aws:SourceArn",
            values: [`arn:${props.partition}:events:${props.region}:${props.accountId}:rule/${resourceNames(props.name).uploadRule}`],
          },
        ],
      },
    ]);
    this.logs = key("logs", "CloudWatch log groups", [logsKeyStatement(props.partition, props.region, props.accountId)]);
    this.secrets = key("secrets", "RStudio user passwords in Secrets Manager");
    this.exec = key("exec", "ECS Exec session encryption");
  }
}
