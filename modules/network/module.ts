import { LayerModule } from "../../stacks/module-stack";
import { accountIdVariable, logRetentionVariable, nameVariable } from "../shared/module-variables";
import { networkOutputs } from "./contract";
import { egressFilterVariables } from "./egress-filter-variables";
import { NetworkLayer } from "./index";

/** The network layer as a Terraform module. */
export const networkModule: LayerModule = {
  layer: "network",
  description: "VPC with public and private subnets per zone, NAT egress, flow logs, a closed default security group, VPC endpoints and a DNS egress filter.",
  variables: {
    name: nameVariable,
    account_id: accountIdVariable,
    vpc_cidr: {
      type: "string",
      description: "IPv4 CIDR of the VPC, /16 to /22.",
      validation: [
        {
          condition: "can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split(\"/\", var.vpc_cidr)[1]) >= 16 && tonumber(split(\"/\", var.vpc_cidr)[1]) <= 22, false)",
          message: "The vpc_cidr must be an IPv4 CIDR with a prefix length from /16 to /22.",
        },
      ],
    },
    zones: {
      type: "map(object({ public_subnet_cidr = string, private_subnet_cidr = string }))",
      description: "Subnet CIDRs by availability zone name; at least two zones. Adding a zone never renumbers the others.",
      validation: [
        { condition: "length(var.zones) >= 2", message: "At least two availability zones are required." },
        {
          condition: "alltrue(flatten([for zone in values(var.zones) : [can(cidrhost(zone.public_subnet_cidr, 0)), can(cidrhost(zone.private_subnet_cidr, 0))]]))",
          message: "Every subnet CIDR must be a valid IPv4 CIDR.",
        },
      ],
    },
    nat_gateway_mode: {
      type: "string",
      description: "single: one NAT gateway in the first zone (cheap); one-per-az: one per zone (highly available).",
      default: "one-per-az",
      validation: [{ condition: 'contains(["single", "one-per-az"], var.nat_gateway_mode)', message: "The nat_gateway_mode must be single or one-per-az." }],
    },
    create_interface_endpoints: {
      type: "bool",
      description: "Create interface endpoints for ECR, CloudWatch Logs, Secrets Manager, SSM messages, STS, KMS and EFS (the S3 gateway endpoint always exists).",
      default: true,
    },
    flow_log_retention_days: logRetentionVariable("flow_log_retention_days", "Days to keep VPC flow logs.", 90),
    ...egressFilterVariables,
  },
  outputs: networkOutputs,
  build: (scope, id, vars) =>
    new NetworkLayer(scope, id, {
      name: vars.string("name"),
      accountId: vars.string("account_id"),
      region: vars.region,
      vpcCidr: vars.string("vpc_cidr"),
      zones: vars.any("zones"),
      natGatewayMode: vars.string("nat_gateway_mode"),
      createInterfaceEndpoints: vars.bool("create_interface_endpoints"),
      flowLogRetentionDays: vars.number("flow_log_retention_days"),
      preventDestroy: true,
      egressFilter: { enabled: vars.bool("create_egress_filter"), allowedDomains: vars.list("egress_allowed_domains") },
    }).outputs,
};
