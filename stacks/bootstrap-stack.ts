import { Construct } from "constructs";
import { LocalBackend } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { EnvironmentConfig } from "../config/load";
import { CustomerManagedKey } from "../modules/shared/kms-key";
import { SecureBucket } from "../modules/shared/secure-bucket";
import { MANAGED_BY, REQUIRED_TERRAFORM } from "./layer-stack";
import { ReadableStack } from "./readable-stack";

export interface BootstrapStackProps {
  readonly environments: readonly EnvironmentConfig[];
}

/**
 * The S3 bucket that holds every layer's state (applied once, with local state, before anything
 * else). All environments share one state bucket: one place to secure, audit and back up.
 */
export class BootstrapStack extends ReadableStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    const [first] = props.environments;
    if (!first) throw new Error("bootstrap needs at least one environment");
    // loadEnvironments() guarantees that every environment names this same bucket.
    const state = first.state;

    new LocalBackend(this, { path: "terraform.bootstrap.tfstate" });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws", {
      region: state.region,
      allowedAccountIds: [state.accountId],
      defaultTags: [{ tags: { Project: "rstudio-shiny", Layer: "bootstrap", ManagedBy: MANAGED_BY } }],
    });
    const partition = new DataAwsPartition(this, "partition").partition;

    const key = new CustomerManagedKey(this, "state_kms", {
      alias: `${state.bucket}`,
      description: `Terraform state in s3://${state.bucket}`,
      accountId: state.accountId,
      partition,
    });
    new SecureBucket(this, "state", {
      bucketName: state.bucket,
      kmsKeyArn: key.arn,
      policySuppressions: {
        S3_5: "the bootstrap stack is applied first, with local state, and holds only the state bucket: there is no log bucket to send server access logs to. Reads and writes of state are not audited: the account's trail records management events only (bucket policy and configuration changes, not object access). What protects the state: no public access, no grant to another account (bucket and key policies), TLS-only and SSE-KMS-only uploads, versioning (previous versions kept 365 days) and prevent_destroy on bucket and key; no object lock",
      },
      lifecycleRules: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: 365 }],
        },
      ],
    });
  }
}
