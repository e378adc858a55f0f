import { passIf, resourceRule, Rule } from "../engine";

const SERVER = ["aws_transfer_server"];
/** Transfer Family security policies published in 2024 or later (the default, 2018-11, is not). */
export const CURRENT_TRANSFER_POLICY = /^TransferSecurityPolicy-.*20(2[4-9]|[3-9]\d)-\d\d$/;

export const transferRules: Rule[] = [
  resourceRule({
    id: "TRANSFER_1",
    title: "Transfer Family server allows only secure protocols (SFTP, FTPS)",
    mirrors: { checkov: ["CKV_AWS_357"] },
    resourceTypes: SERVER,
    check: (server) => {
      const protocols: string[] = server.values.protocols ?? ["SFTP"];
      const insecure = protocols.filter((protocol) => !["SFTP", "FTPS"].includes(protocol));
      return passIf(insecure.length === 0, `allows ${insecure.join(", ")}`);
    },
  }),
  resourceRule({
    id: "TRANSFER_2",
    title: "Transfer Family server has a VPC endpoint, not a public endpoint",
    mirrors: { checkov: ["CKV_AWS_164"] },
    resourceTypes: SERVER,
    check: (server) => passIf(server.values.endpoint_type === "VPC", `endpoint_type is ${server.values.endpoint_type ?? "PUBLIC"}`),
  }),
  resourceRule({
    id: "TRANSFER_3",
    title: "Transfer Family server uses a current security policy",
    mirrors: { checkov: ["CKV_AWS_380"] },
    resourceTypes: SERVER,
    check: (server) => {
      const policy = server.values.security_policy_name ?? "TransferSecurityPolicy-2018-11";
      return passIf(CURRENT_TRANSFER_POLICY.test(policy), `security_policy_name is ${policy}`);
    },
  }),
];
