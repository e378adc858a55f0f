import { Construct } from "constructs";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { EnvironmentConfig } from "../../config/load";
import { ProducedValues } from "../../stacks/outputs";
import { networkOutputs } from "./contract";
import { Endpoints } from "./endpoints";
import { FlowLogs } from "./flow-logs";

export { networkOutputs } from "./contract";

export interface NetworkLayerProps {
  readonly config: Pick<EnvironmentConfig, "namePrefix" | "accountId" | "region" | "network" | "preventDestroy">;
}

/**
 * The VPC: public subnets (load balancer, NAT) and private subnets (tasks, EFS, endpoints) in every
 * configured availability zone, NAT egress per the environment's mode, flow logs, an emptied
 * default security group and VPC endpoints.
 */
export class NetworkLayer extends Construct {
  readonly outputs: ProducedValues<typeof networkOutputs>;

  constructor(scope: Construct, id: string, props: NetworkLayerProps) {
    super(scope, id);
    const { namePrefix: prefix, network } = props.config;
    const partition = new DataAwsPartition(this, "partition").partition;

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: network.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: prefix },
    });
    new DefaultSecurityGroup(this, "default_security_group", {
      vpcId: vpc.id,
      tags: { Name: `${prefix}-default-closed` },
    });
    const internetGateway = new InternetGateway(this, "internet_gateway", {
      vpcId: vpc.id,
      tags: { Name: prefix },
    });

    const publicRouteTable = new RouteTable(this, "public_route_table", {
      vpcId: vpc.id,
      tags: { Name: `${prefix}-public` },
    });
    new Route(this, "public_internet_route", {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    });

    const zones = network.availabilityZones;
    const publicSubnets = zones.map((zone, index) => {
      const subnet = new Subnet(this, `public_subnet_${zone}`, {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: network.publicSubnetCidrs[index],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${prefix}-public-${zone}`, Tier: "public" },
      });
      new RouteTableAssociation(this, `public_route_table_association_${zone}`, {
        subnetId: subnet.id,
        routeTableId: publicRouteTable.id,
      });
      return subnet;
    });

    const natZones = network.natGateways === "single" ? zones.slice(0, 1) : zones;
    const natGateways = natZones.map((zone, index) => {
      const address = new Eip(this, `nat_eip_${zone}`, {
        domain: "vpc",
        tags: { Name: `${prefix}-nat-${zone}` },
      });
      return new NatGateway(this, `nat_gateway_${zone}`, {
        allocationId: address.id,
        subnetId: publicSubnets[index].id,
        connectivityType: "public",
        tags: { Name: `${prefix}-${zone}` },
        dependsOn: [internetGateway],
      });
    });

    const privateSubnets: Subnet[] = [];
    const privateRouteTables: RouteTable[] = [];
    zones.forEach((zone, index) => {
      const subnet = new Subnet(this, `private_subnet_${zone}`, {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: network.privateSubnetCidrs[index],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${prefix}-private-${zone}`, Tier: "private" },
      });
      const routeTable = new RouteTable(this, `private_route_table_${zone}`, {
        vpcId: vpc.id,
        tags: { Name: `${prefix}-private-${zone}` },
      });
      new Route(this, `private_nat_route_${zone}`, {
        routeTableId: routeTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: natGateways[Math.min(index, natGateways.length - 1)].id,
      });
      new RouteTableAssociation(this, `private_route_table_association_${zone}`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      privateSubnets.push(subnet);
      privateRouteTables.push(routeTable);
    });

    new FlowLogs(this, "flow_logs", {
      namePrefix: prefix,
      vpcId: vpc.id,
      accountId: props.config.accountId,
      region: props.config.region,
      partition,
      retentionDays: network.flowLogRetentionDays,
      preventDestroy: props.config.preventDestroy,
    });

    new Endpoints(this, "endpoints", {
      namePrefix: prefix,
      region: props.config.region,
      vpcId: vpc.id,
      vpcCidr: vpc.cidrBlock,
      privateSubnetIds: privateSubnets.map((subnet) => subnet.id),
      privateRouteTableIds: privateRouteTables.map((table) => table.id),
      interfaceEndpoints: network.interfaceEndpoints,
    });

    this.outputs = {
      vpcId: vpc.id,
      vpcCidr: vpc.cidrBlock,
      publicSubnetIds: publicSubnets.map((subnet) => subnet.id),
      privateSubnetIds: privateSubnets.map((subnet) => subnet.id),
      privateRouteTableIds: privateRouteTables.map((table) => table.id),
    };
  }
}
