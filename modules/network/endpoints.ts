import { Construct } from "constructs";
import { TerraformIterator } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { countWhen, firstInstance, Flag, listWhen } from "../shared/expressions";

/** AWS services the tasks reach without leaving the VPC (ECR pulls, logs, secrets, ECS Exec, EFS IAM auth). */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ecr.api",
  "ecr.dkr",
  "logs",
  "secretsmanager",
  "ssmmessages",
  "sts",
  "kms",
  "elasticfilesystem",
] as const;

export interface EndpointsProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: string[];
  readonly privateRouteTableIds: string[];
  /** Create the interface endpoints; the S3 gateway endpoint is free and always created. */
  readonly createInterfaceEndpoints: Flag;
}

/** PrivateLink: an S3 gateway endpoint and, when enabled, interface endpoints with private DNS. */
export class Endpoints extends Construct {
  constructor(scope: Construct, id: string, props: EndpointsProps) {
    super(scope, id);
    new VpcEndpoint(this, "s3", {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: props.privateRouteTableIds,
      tags: { Name: `${props.name}-s3` },
    });

    const count = countWhen(props.createInterfaceEndpoints);
    const securityGroup = new SecurityGroup(this, "security_group", {
      count,
      name: `${props.name}-endpoints`,
      description: "Interface VPC endpoints: HTTPS from inside the VPC",
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, "https_from_vpc", {
      count,
      securityGroupId: firstInstance(securityGroup, "id"),
      description: "HTTPS from the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    const services = TerraformIterator.fromList(listWhen(props.createInterfaceEndpoints, INTERFACE_ENDPOINT_SERVICES));
    new VpcEndpoint(this, "interface", {
      forEach: services,
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.${services.value}`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds: props.privateSubnetIds,
      securityGroupIds: [firstInstance(securityGroup, "id")],
      tags: { Name: `${props.name}-${services.value}` },
    });
  }
}
