import { Construct } from "constructs";
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
    this.storage = key("storage", "EFS file system, S3 data bucket and ECR images");
    this.logs = key("logs", "CloudWatch log groups", [logsKeyStatement(props.partition, props.region, props.accountId)]);
    this.secrets = key("secrets", "RStudio user passwords in Secrets Manager");
    this.exec = key("exec", "ECS Exec session encryption");
  }
}
