import { Construct } from "constructs";
import { Fn, Op, TerraformIterator, Token } from "cdktf";
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
import { OutputValues } from "../../stacks/outputs";
import { addressOf, attributeByKey, attributeList, expression, Flag, MapInput, sameKey } from "../shared/expressions";
import { networkOutputs } from "./contract";
import { DnsFirewall } from "./dns-firewall";
import { Endpoints } from "./endpoints";
import { FlowLogs } from "./flow-logs";

export { networkOutputs } from "./contract";

/** The subnets of one availability zone. */
export interface ZoneSubnets {
  readonly public_subnet_cidr: string;
  readonly private_subnet_cidr: string;
}

export interface NetworkInputs {
  /** Prefix of every resource name. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcCidr: string;
  /** Subnets by availability zone name; at least two zones. */
  readonly zones: MapInput<ZoneSubnets>;
  /** `single`: one NAT gateway in the first zone (by name); `one-per-az`: one per zone. */
  readonly natGatewayMode: string;
  /** @default true */
  readonly createInterfaceEndpoints: Flag;
  readonly flowLogRetentionDays: number;
  /** `prevent_destroy` on the flow-log key (a literal: Terraform cannot take it from a variable). */
  readonly preventDestroy: boolean;
  /** DNS Firewall on the VPC: only these domains resolve (config/hardening.ts). */
  readonly egressFilter: { readonly enabled: Flag; readonly allowedDomains: string[] };
}

/**
 * The VPC: public subnets (load balancer, NAT) and private subnets (tasks, EFS, endpoints) in every
 * zone, NAT egress per the mode, flow logs, an emptied default security group, VPC endpoints and
 * the DNS egress filter.
 * Zones are a map iterated with `for_each`, so adding a zone never renumbers the others.
 */
export class NetworkLayer extends Construct {
  readonly outputs: OutputValues<typeof networkOutputs>;

  constructor(scope: Construct, id: string, inputs: NetworkInputs) {
    super(scope, id);
    const { name } = inputs;
    const partition = new DataAwsPartition(this, "partition").partition;

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: inputs.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name },
    });
    new DefaultSecurityGroup(this, "default_security_group", {
      vpcId: vpc.id,
      tags: { Name: `${name}-default-closed` },
    });
    const internetGateway = new InternetGateway(this, "internet_gateway", { vpcId: vpc.id, tags: { Name: name } });

    const zones = TerraformIterator.fromMap(inputs.zones);
    const publicSubnet = new Subnet(this, "public_subnet", {
      forEach: zones,
      vpcId: vpc.id,
      availabilityZone: zones.key,
      cidrBlock: zones.getString("public_subnet_cidr"),
      mapPublicIpOnLaunch: false,
      tags: { Name: `${name}-public-${zones.key}`, Tier: "public" },
    });
    const publicRouteTable = new RouteTable(this, "public_route_table", { vpcId: vpc.id, tags: { Name: `${name}-public` } });
    new Route(this, "public_internet_route", {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    });
    const publicZones = TerraformIterator.fromResources(publicSubnet);
    new RouteTableAssociation(this, "public_route_table_association", {
      forEach: publicZones,
      subnetId: publicZones.getString("id"),
      routeTableId: publicRouteTable.id,
    });

    const subnets = addressOf(publicSubnet);
    const singleNat = expression(`{ (sort(keys(${subnets}))[0]) = true }`);
    const natPerZone = expression(`{ for zone in keys(${subnets}) : zone => true }`);
    const natZones = TerraformIterator.fromMap(
      Token.isUnresolved(inputs.natGatewayMode)
        ? Fn.conditional(Op.eq(inputs.natGatewayMode, "single"), singleNat, natPerZone)
        : inputs.natGatewayMode === "single"
          ? singleNat
          : natPerZone,
    );
    const natAddress = new Eip(this, "nat_eip", { forEach: natZones, domain: "vpc", tags: { Name: `${name}-nat-${natZones.key}` } });
    const natGateway = new NatGateway(this, "nat_gateway", {
      forEach: natZones,
      allocationId: sameKey(natAddress, "id"),
      subnetId: sameKey(publicSubnet, "id"),
      connectivityType: "public",
      tags: { Name: `${name}-${natZones.key}` },
      dependsOn: [internetGateway],
    });

    const privateSubnet = new Subnet(this, "private_subnet", {
      forEach: zones,
      vpcId: vpc.id,
      availabilityZone: zones.key,
      cidrBlock: zones.getString("private_subnet_cidr"),
      mapPublicIpOnLaunch: false,
      tags: { Name: `${name}-private-${zones.key}`, Tier: "private" },
    });
    const privateRouteTable = new RouteTable(this, "private_route_table", {
      forEach: zones,
      vpcId: vpc.id,
      tags: { Name: `${name}-private-${zones.key}` },
    });
    const nats = addressOf(natGateway);
    new Route(this, "private_nat_route", {
      forEach: zones,
      routeTableId: sameKey(privateRouteTable, "id"),
      destinationCidrBlock: "0.0.0.0/0",
      // The zone's own NAT gateway, or the single shared one.
      natGatewayId: `\${${nats}[contains(keys(${nats}), each.key) ? each.key : sort(keys(${nats}))[0]].id}`,
    });
    new RouteTableAssociation(this, "private_route_table_association", {
      forEach: zones,
      subnetId: sameKey(privateSubnet, "id"),
      routeTableId: sameKey(privateRouteTable, "id"),
    });

    new FlowLogs(this, "flow_logs", {
      name,
      vpcId: vpc.id,
      accountId: inputs.accountId,
      region: inputs.region,
      partition,
      retentionDays: inputs.flowLogRetentionDays,
      preventDestroy: inputs.preventDestroy,
    });

    const privateSubnetIds = attributeList(privateSubnet, "id");
    const privateRouteTableIds = attributeList(privateRouteTable, "id");
    new Endpoints(this, "endpoints", {
      name,
      region: inputs.region,
      vpcId: vpc.id,
      vpcCidr: vpc.cidrBlock,
      privateSubnetIds,
      privateRouteTableIds,
      createInterfaceEndpoints: inputs.createInterfaceEndpoints,
    });

    new DnsFirewall(this, "dns_firewall", {
      name,
      vpcId: vpc.id,
      create: inputs.egressFilter.enabled,
      allowedDomains: inputs.egressFilter.allowedDomains,
      region: inputs.region,
    });

    this.outputs = {
      vpcId: vpc.id,
      vpcCidr: vpc.cidrBlock,
      publicSubnetIds: attributeList(publicSubnet, "id"),
      privateSubnetIds,
      privateSubnetIdsByZone: attributeByKey(privateSubnet, "id"),
      privateRouteTableIds,
    };
  }
}
