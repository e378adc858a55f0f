import { load, fullInput, minimalInput } from "./support/environment";
import { policyStatements, resource, synthEnvironment } from "./support/synth";

describe("network layer", () => {
  describe("with minimal props (single NAT)", () => {
    const { network } = synthEnvironment(load(minimalInput()));

    it("has public and private subnets keyed by zone, none assigning public IPs", () => {
      for (const tier of ["public", "private"]) {
        const subnet = resource(network, "aws_subnet", `${tier}_subnet`);
        expect(Object.keys(subnet.for_each)).toEqual(["eu-central-1a", "eu-central-1b"]);
        expect(subnet).toMatchObject({ map_public_ip_on_launch: false, availability_zone: "${each.key}" });
      }
      expect(resource(network, "aws_subnet", "private_subnet").for_each["eu-central-1b"].private_subnet_cidr).toBe("10.0.32.0/19");
    });

    it("creates one NAT gateway, in the first zone, and routes every private subnet through the zone's own or that one", () => {
      expect(resource(network, "aws_nat_gateway", "nat_gateway").for_each).toBe("${{ (sort(keys(aws_subnet.public_subnet))[0]) = true }}");
      expect(resource(network, "aws_route", "private_nat_route").nat_gateway_id).toBe(
        "${aws_nat_gateway.nat_gateway[contains(keys(aws_nat_gateway.nat_gateway), each.key) ? each.key : sort(keys(aws_nat_gateway.nat_gateway))[0]].id}",
      );
    });

    it("empties the default security group", () => {
      const group = resource(network, "aws_default_security_group", "default_security_group");
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    });

    it("writes flow logs of all traffic to a KMS-encrypted log group", () => {
      expect(resource(network, "aws_flow_log", "flow_logs_flow_log")).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
      expect(resource(network, "aws_cloudwatch_log_group", "flow_logs_log_group")).toMatchObject({
        kms_key_id: "${aws_kms_key.flow_logs_kms_key.arn}",
        retention_in_days: 90,
      });
      expect(resource(network, "aws_kms_key", "flow_logs_kms_key")).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    });

    it("lets the flow log role write only to its own log group", () => {
      const [statement] = policyStatements(network, "flow_logs_delivery_policy");
      expect(statement.actions).toEqual(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]);
      expect(statement.resources[0]).toBe("${aws_cloudwatch_log_group.flow_logs_log_group.arn}");
    });

    it("defaults to interface endpoints and always has the S3 gateway endpoint", () => {
      expect(resource(network, "aws_vpc_endpoint", "endpoints_s3")).toMatchObject({
        vpc_endpoint_type: "Gateway",
        service_name: "com.amazonaws.eu-central-1.s3",
      });
      const interfaces = resource(network, "aws_vpc_endpoint", "endpoints_interface");
      expect(interfaces.for_each).toEqual("${toset([\"ecr.api\", \"ecr.dkr\", \"logs\", \"secretsmanager\", \"ssmmessages\", \"sts\", \"kms\", \"elasticfilesystem\"])}");
      expect(interfaces).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true });
      expect(resource(network, "aws_security_group", "endpoints_security_group").count).toBe(1);
    });

    it("publishes the network contract as outputs", () => {
      expect(Object.keys(network.output ?? {}).sort()).toEqual([
        "private_route_table_ids",
        "private_subnet_ids",
        "private_subnet_ids_by_zone",
        "public_subnet_ids",
        "vpc_cidr_block",
        "vpc_id",
      ]);
    });
  });

  describe("with full props (NAT per zone, explicit subnets)", () => {
    const { network } = synthEnvironment(load(fullInput()));

    it("has a NAT gateway per zone", () => {
      expect(resource(network, "aws_nat_gateway", "nat_gateway").for_each).toBe("${{ for zone in keys(aws_subnet.public_subnet) : zone => true }}");
    });

    it("uses the explicit subnet CIDRs", () => {
      const zones = resource(network, "aws_subnet", "public_subnet").for_each;
      expect(zones["eu-central-1c"]).toEqual({ public_subnet_cidr: "10.1.2.0/24", private_subnet_cidr: "10.1.48.0/20" });
    });
  });

  it("creates no interface endpoints when switched off", () => {
    const input = minimalInput();
    input.network = { ...input.network, interfaceEndpoints: false };
    const { network } = synthEnvironment(load(input));
    expect(resource(network, "aws_vpc_endpoint", "endpoints_interface").for_each).toBe("${toset([])}");
    expect(resource(network, "aws_security_group", "endpoints_security_group").count).toBe(0);
  });
});
