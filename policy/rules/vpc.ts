import { fail, pass, passIf, resourceRule, Rule } from "../engine";
import { blocks, companions } from "../model";

export const vpcRules: Rule[] = [
  resourceRule({
    id: "VPC_1",
    title: "VPC has flow logs",
    mirrors: { checkov: ["CKV2_AWS_11"], trivy: ["AVD-AWS-0178"] },
    resourceTypes: ["aws_vpc"],
    check: (vpc, env) => passIf(companions(env, vpc, "vpc_id", "aws_flow_log").length > 0, "no aws_flow_log for this VPC"),
  }),
  resourceRule({
    id: "VPC_2",
    title: "VPC's default security group allows no traffic",
    mirrors: { checkov: ["CKV2_AWS_12"], trivy: ["AVD-AWS-0173"] },
    resourceTypes: ["aws_vpc"],
    check: (vpc, env) => {
      const [closing] = companions(env, vpc, "vpc_id", "aws_default_security_group");
      if (!closing) return fail("no aws_default_security_group takes over (and empties) the default security group");
      const rules = [...blocks(closing.values.ingress), ...blocks(closing.values.egress)];
      return rules.length === 0 ? pass() : fail(`default security group keeps ${rules.length} rule(s)`);
    },
  }),
  resourceRule({
    id: "VPC_3",
    title: "Subnet does not assign public IP addresses on launch",
    mirrors: { checkov: ["CKV_AWS_130"], trivy: ["AVD-AWS-0164"] },
    resourceTypes: ["aws_subnet"],
    check: (subnet) => passIf(subnet.values.map_public_ip_on_launch !== true, "map_public_ip_on_launch is true"),
  }),
];
