import { defineOutputs } from "../../stacks/outputs";

export const networkOutputs = defineOutputs({
  vpcId: { name: "vpc_id", type: "string", description: "ID of the VPC." },
  vpcCidr: { name: "vpc_cidr_block", type: "string", description: "IPv4 CIDR block of the VPC." },
  publicSubnetIds: {
    name: "public_subnet_ids",
    type: "list",
    description: "Public subnets (load balancer, NAT gateways), one per availability zone, in zone order.",
  },
  privateSubnetIds: {
    name: "private_subnet_ids",
    type: "list",
    description: "Private subnets (tasks, EFS mount targets, endpoints), one per availability zone, in zone order.",
  },
  privateRouteTableIds: {
    name: "private_route_table_ids",
    type: "list",
    description: "Route tables of the private subnets.",
  },
});
