import { defineOutputs } from "../../stacks/outputs";
import { exampleId, perZone } from "../../stacks/output-examples";

export const networkOutputs = defineOutputs({
  vpcId: {
    name: "vpc_id",
    type: "string",
    description: "ID of the VPC.",
    example: (c) => exampleId("vpc", `${c.config.name}/vpc`),
  },
  vpcCidr: {
    name: "vpc_cidr_block",
    type: "string",
    description: "IPv4 CIDR block of the VPC.",
    example: (c) => c.config.network.vpcCidr,
  },
  publicSubnetIds: {
    name: "public_subnet_ids",
    type: "list",
    description: "Public subnets (load balancer, NAT gateways), one per availability zone, in zone order.",
    example: (c) => perZone(c, (zone) => exampleId("subnet", `${c.config.name}/public/${zone}`)),
  },
  privateSubnetIds: {
    name: "private_subnet_ids",
    type: "list",
    description: "Private subnets (tasks, EFS mount targets, endpoints), one per availability zone, in zone order.",
    example: (c) => perZone(c, (zone) => exampleId("subnet", `${c.config.name}/private/${zone}`)),
  },
  privateSubnetIdsByZone: {
    name: "private_subnet_ids_by_zone",
    type: "map",
    description: "Private subnet of each availability zone, by zone name.",
    example: (c) =>
      Object.fromEntries(c.config.network.availabilityZones.map((zone) => [zone, exampleId("subnet", `${c.config.name}/private/${zone}`)])),
  },
  privateRouteTableIds: {
    name: "private_route_table_ids",
    type: "list",
    description: "Route tables of the private subnets.",
    example: (c) => perZone(c, (zone) => exampleId("rtb", `${c.config.name}/private/${zone}`)),
  },
});
