import { Construct } from "constructs";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { ResourceNames, Service, SERVICES } from "../../config/naming";

export interface RepositoriesProps {
  readonly names: ResourceNames;
  readonly kmsKeyArn: string;
}

/**
 * Drop untagged images after a week. Tagged images are never expired automatically: a task
 * definition pins a tag, and an expired tag stops its service from starting.
 */
export const LIFECYCLE_POLICY = {
  rules: [
    {
      rulePriority: 1,
      description: "Drop untagged images after 7 days",
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
      action: { type: "expire" },
    },
  ],
};

/** ECR repositories for the RStudio and Shiny images: scan on push, immutable tags, KMS. */
export class Repositories extends Construct {
  readonly urls: Record<Service, string>;

  constructor(scope: Construct, id: string, props: RepositoriesProps) {
    super(scope, id);
    const urls: Partial<Record<Service, string>> = {};
    for (const service of SERVICES) {
      const repository = new EcrRepository(this, service, {
        name: props.names.ecrRepository(service),
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
        forceDelete: false,
      });
      new EcrLifecyclePolicy(this, `${service}_lifecycle`, {
        repository: repository.name,
        policy: JSON.stringify(LIFECYCLE_POLICY),
      });
      urls[service] = repository.repositoryUrl;
    }
    this.urls = urls as Record<Service, string>;
  }
}
