import { Construct } from "constructs";
import { DataTerraformRemoteStateS3, S3Backend } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentConfig } from "../config/load";
import { Layer, partitionOf, stackName, stateKey } from "../config/naming";
import { ReadableStack } from "./readable-stack";
import { importOutputs, OutputSpecs, OutputValues } from "./outputs";

export const MANAGED_BY = "cdktf/rstudio-shiny-fargate";
/** S3 native locking (`use_lockfile`) needs Terraform 1.11. */
export const REQUIRED_TERRAFORM = ">= 1.11.0";

/** The alias of the state bucket's key, created by the bootstrap stack. */
export function stateKmsKeyAlias(state: EnvironmentConfig["state"]): string {
  return `arn:${partitionOf(state.region)}:kms:${state.region}:${state.accountId}:alias/${state.bucket}`;
}

/** Free text from an environment file, kept literal: Terraform would read `${` and `%{` as templates. */
export function literal(text: string): string {
  return text.replace(/([$%])\{/g, "$1$1{");
}

/** Tags every resource of a layer carries, through the provider's default_tags. */
export function defaultTags(config: EnvironmentConfig, layer: string): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(config.tags).map(([key, value]) => [literal(key), literal(value)])),
    Environment: config.name,
    Layer: layer,
    ManagedBy: MANAGED_BY,
  };
}

/**
 * One layer of one environment: the AWS provider (pinned to the environment's account and region,
 * with default tags) and an S3 backend with its own key, encryption and native S3 locking.
 */
export class LayerStack extends ReadableStack {
  constructor(
    scope: Construct,
    readonly config: EnvironmentConfig,
    readonly layer: Layer,
  ) {
    super(scope, stackName(config.name, layer));

    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: defaultTags(config, layer) }],
    });

    new S3Backend(this, {
      bucket: config.state.bucket,
      key: stateKey(config, layer),
      region: config.state.region,
      encrypt: true,
      // Without a key the backend writes SSE-S3 (AES256) and the bucket's KMS key is never used.
      kmsKeyId: stateKmsKeyAlias(config.state),
      ...(config.state.roleArn ? { assumeRole: { roleArn: config.state.roleArn } } : {}),
    });
    // cdktf 0.21 has no typed `use_lockfile`; Terraform >= 1.11 locks natively in S3 with it.
    this.addOverride("terraform.backend.s3.use_lockfile", true);
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
  }

  /** Adds the layer construct; its id stays out of resource names (the stack already names the layer). */
  addLayer<T extends Construct>(build: (scope: Construct, id: string) => T): T {
    this.nameWithout(this.layer);
    return build(this, this.layer);
  }

  /** Reads another layer's outputs of the same environment from its remote state. */
  readLayer<S extends OutputSpecs>(producer: LayerStack, specs: S): OutputValues<S> {
    if (producer.config.name !== this.config.name) {
      throw new Error(`${this.node.id} cannot read ${producer.node.id}: layers only read their own environment`);
    }
    this.addDependency(producer);
    const state = new DataTerraformRemoteStateS3(this, producer.layer, {
      bucket: this.config.state.bucket,
      key: stateKey(this.config, producer.layer),
      region: this.config.state.region,
      ...(this.config.state.roleArn ? { assumeRole: { roleArn: this.config.state.roleArn } } : {}),
    });
    return importOutputs(specs, state);
  }
}
