import { load, fullInput, minimalInput } from "./support/environment";
import { policyStatements, resource, resources, synthEnvironment } from "./support/synth";
import { INTERFACE_ENDPOINT_SERVICES } from "../modules/network/endpoints";

describe("network layer", () => {
  describe("with minimal props (single NAT)", () => {
    const { network } = synthEnvironment(load(minimalInput()));

    it("spans every configured zone with public and private subnets, none assigning public IPs", () => {
      const subnets = resources(network, "aws_subnet");
      expect(Object.keys(subnets).sort()).toEqual([
        "private_subnet_eu-central-1a",
        "private_subnet_eu-central-1b",
        "public_subnet_eu-central-1a",
        "public_subnet_eu-central-1b",
      ]);
      for (const subnet of Object.values(subnets)) {
        expect(subnet.map_public_ip_on_launch).toBe(false);
      }
      expect(resource(network, "aws_subnet", "private_subnet_eu-central-1b").cidr_block).toBe("10.0.32.0/19");
    });

    it("shares one NAT gateway and routes every private subnet through it", () => {
      expect(Object.keys(resources(network, "aws_nat_gateway"))).toEqual(["nat_gateway_eu-central-1a"]);
      for (const zone of ["eu-central-1a", "eu-central-1b"]) {
        expect(resource(network, "aws_route", `private_nat_route_${zone}`).nat_gateway_id).toBe(
          "${aws_nat_gateway.nat_gateway_eu-central-1a.id}",
        );
      }
    });

    it("empties the default security group", () => {
      const group = resource(network, "aws_default_security_group", "default_security_group");
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    });

    it("writes flow logs of all traffic to a KMS-encrypted log group", () => {
      const flowLog = resource(network, "aws_flow_log", "flow_logs_flow_log");
      expect(flowLog).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
      const group = resource(network, "aws_cloudwatch_log_group", "flow_logs_log_group");
      expect(group.kms_key_id).toBe("${aws_kms_key.flow_logs_kms_key.arn}");
      expect(group.retention_in_days).toBe(90);
      expect(resource(network, "aws_kms_key", "flow_logs_kms_key")).toMatchObject({
        enable_key_rotation: true,
        lifecycle: { prevent_destroy: true },
      });
    });

    it("lets the flow log role write only to its own log group", () => {
      const [statement] = policyStatements(network, "flow_logs_delivery_policy");
      expect(statement.actions).toEqual(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]);
      expect(statement.resources[0]).toBe("${aws_cloudwatch_log_group.flow_logs_log_group.arn}");
    });

    it("defaults to interface endpoints and always has the S3 gateway endpoint", () => {
      const endpoints = resources(network, "aws_vpc_endpoint");
      expect(endpoints.endpoints_s3).toMatchObject({ vpc_endpoint_type: "Gateway", service_name: "com.amazonaws.eu-central-1.s3" });
      expect(Object.keys(endpoints)).toHaveLength(1 + INTERFACE_ENDPOINT_SERVICES.length);
    });
  });

  describe("with full props (NAT per zone, explicit subnets)", () => {
    const { network } = synthEnvironment(load(fullInput()));

    it("has a NAT gateway per zone, each private route table using its own zone's", () => {
      expect(Object.keys(resources(network, "aws_nat_gateway"))).toHaveLength(3);
      expect(resource(network, "aws_route", "private_nat_route_eu-central-1c").nat_gateway_id).toBe(
        "${aws_nat_gateway.nat_gateway_eu-central-1c.id}",
      );
    });

    it("uses the explicit subnet CIDRs", () => {
      expect(resource(network, "aws_subnet", "public_subnet_eu-central-1c").cidr_block).toBe("10.1.2.0/24");
      expect(resource(network, "aws_subnet", "private_subnet_eu-central-1a").cidr_block).toBe("10.1.16.0/20");
    });

    it("puts private-DNS interface endpoints in the private subnets, HTTPS from the VPC only", () => {
      const ecr = resource(network, "aws_vpc_endpoint", "endpoints_ecr_dkr");
      expect(ecr).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true });
      expect(ecr.subnet_ids).toHaveLength(3);
      const rule = resource(network, "aws_vpc_security_group_ingress_rule", "endpoints_https_from_vpc");
      expect(rule).toMatchObject({ from_port: 443, to_port: 443, cidr_ipv4: "${aws_vpc.vpc.cidr_block}" });
    });
  });

  it("creates no interface endpoints when switched off", () => {
    const input = minimalInput();
    input.network = { ...input.network, interfaceEndpoints: false };
    const { network } = synthEnvironment(load(input));
    expect(Object.keys(resources(network, "aws_vpc_endpoint"))).toEqual(["endpoints_s3"]);
    expect(resources(network, "aws_security_group")).toEqual({});
  });

  it("publishes the network contract as outputs", () => {
    const { network } = synthEnvironment(load(minimalInput()));
    expect(Object.keys(network.output ?? {}).sort()).toEqual([
      "private_route_table_ids",
      "private_subnet_ids",
      "public_subnet_ids",
      "vpc_cidr_block",
      "vpc_id",
    ]);
  });
});
