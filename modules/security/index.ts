import { Construct } from "constructs";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { EnvironmentConfig } from "../../config/load";
import { resourceNames } from "../../config/naming";
import { OutputValues, ProducedValues } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { Certificate } from "./certificate";
import { securityOutputs } from "./contract";
import { ServiceRoles } from "./iam";
import { Keys } from "./kms";
import { SecurityGroups } from "./security-groups";
import { UserPasswords } from "./user-passwords";
import { WebAcl } from "./waf";

export { securityOutputs } from "./contract";

export interface SecurityLayerProps {
  readonly config: Pick<
    EnvironmentConfig,
    "namePrefix" | "accountId" | "region" | "access" | "dns" | "rstudio" | "shiny" | "logRetentionDays" | "preventDestroy"
  >;
  readonly network: Pick<OutputValues<typeof networkOutputs>, "vpcId">;
}

/** Keys, security groups, IAM roles, the WAF web ACL, the certificate and the user passwords. */
export class SecurityLayer extends Construct {
  readonly outputs: ProducedValues<typeof securityOutputs>;

  constructor(scope: Construct, id: string, props: SecurityLayerProps) {
    super(scope, id);
    const { config } = props;
    const names = resourceNames(config);
    const partition = new DataAwsPartition(this, "partition").partition;
    const account = { accountId: config.accountId, region: config.region, partition };

    const keys = new Keys(this, "kms", { namePrefix: config.namePrefix, preventDestroy: config.preventDestroy, ...account });
    const groups = new SecurityGroups(this, "security_groups", {
      namePrefix: config.namePrefix,
      vpcId: props.network.vpcId,
      allowedCidrs: config.access.allowedCidrs,
    });

    const users = config.rstudio.enabled ? config.rstudio.users.map((user) => user.name) : [];
    const passwords = new UserPasswords(this, "passwords", {
      names,
      users,
      accountId: config.accountId,
      secretsKmsKeyArn: keys.secrets.arn,
      logsKmsKeyArn: keys.logs.arn,
      logRetentionDays: config.logRetentionDays,
      rotationDays: config.rstudio.passwordRotationDays,
    });

    const roles = (service: "rstudio" | "shiny", secretArns: string[] = []) =>
      new ServiceRoles(this, service, {
        service,
        names,
        ...account,
        execKmsKeyArn: keys.exec.arn,
        storageKmsKeyArn: keys.storage.arn,
        secretArns,
        secretsKmsKeyArn: keys.secrets.arn,
      });
    const rstudioRoles = roles("rstudio", Object.values(passwords.secretArns));
    const shinyRoles = roles("shiny");

    const webAcl = new WebAcl(this, "waf", {
      namePrefix: config.namePrefix,
      ...account,
      rateLimit: config.access.wafRateLimit,
      ipAllowList: config.access.wafIpAllowList,
      logsKmsKeyArn: keys.logs.arn,
      logRetentionDays: config.logRetentionDays,
    });

    const certificate = new Certificate(this, "certificate", {
      hostedZoneId: config.dns.hostedZoneId,
      domains: {
        ...(config.rstudio.enabled ? { rstudio: `*.${config.dns.rstudioDomain}` } : {}),
        ...(config.shiny.enabled ? { shiny: config.dns.shinyDomain } : {}),
      },
    });

    this.outputs = {
      storageKmsKeyArn: keys.storage.arn,
      logsKmsKeyArn: keys.logs.arn,
      secretsKmsKeyArn: keys.secrets.arn,
      execKmsKeyArn: keys.exec.arn,
      albSecurityGroupId: groups.alb.id,
      rstudioSecurityGroupId: groups.rstudio.id,
      shinySecurityGroupId: groups.shiny.id,
      efsSecurityGroupId: groups.efs.id,
      rstudioExecutionRoleArn: rstudioRoles.executionRole.arn,
      rstudioTaskRoleArn: rstudioRoles.taskRole.arn,
      shinyExecutionRoleArn: shinyRoles.executionRole.arn,
      shinyTaskRoleArn: shinyRoles.taskRole.arn,
      webAclArn: webAcl.arn,
      certificateArn: certificate.arn,
      passwordSecretArns: passwords.secretArns,
    };
  }
}
