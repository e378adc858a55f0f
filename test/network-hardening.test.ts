import { awsServiceDomains, customerEndpointDomains } from "../modules/network/dns-firewall";
import { DEFAULT_ALLOWED_DOMAINS } from "../config/hardening";
import { load, minimalInput } from "./support/environment";
import { resource, resources, synthEnvironment } from "./support/synth";

describe("network layer egress filter", () => {
  describe("by default", () => {
    const { network } = synthEnvironment(load(minimalInput()));

    it("resolves only CRAN, Posit Package Manager, Bioconductor, GitHub and AWS endpoints", () => {
      const allowed = resource(network, "aws_route53_resolver_firewall_domain_list", "dns_firewall_allowed_domains");
      expect(allowed).toMatchObject({ count: 1, name: "rs-test-allowed" });
      expect(allowed.domains).toEqual([...DEFAULT_ALLOWED_DOMAINS, ...awsServiceDomains("eu-central-1")]);
      expect(allowed.domains).toEqual(expect.arrayContaining(["cloud.r-project.org", "*.bioconductor.org", "github.com", "*.githubusercontent.com"]));
      // The region's AWS endpoints, not every amazonaws.com name (the region's EC2, load balancer and API Gateway names are blocked first, below).
      expect(allowed.domains).toEqual(expect.arrayContaining(["*.eu-central-1.amazonaws.com", "sts.amazonaws.com", "*.auth.eu-central-1.amazoncognito.com"]));
      expect(allowed.domains).not.toContain("*.amazonaws.com");
    });

    it("allows the list first, trusting the CNAME chains it starts, then answers NXDOMAIN for every other name", () => {
      const allow = resource(network, "aws_route53_resolver_firewall_rule", "dns_firewall_allow");
      expect(allow).toMatchObject({
        count: 1,
        action: "ALLOW",
        priority: 100,
        firewall_domain_redirection_action: "TRUST_REDIRECTION_DOMAIN",
        firewall_domain_list_id: "${aws_route53_resolver_firewall_domain_list.dns_firewall_allowed_domains[0].id}",
      });
      const block = resource(network, "aws_route53_resolver_firewall_rule", "dns_firewall_block");
      expect(block).toMatchObject({
        count: 1,
        action: "BLOCK",
        block_response: "NXDOMAIN",
        priority: 200,
        firewall_domain_list_id: "${aws_route53_resolver_firewall_domain_list.dns_firewall_all_domains[0].id}",
      });
      expect(resource(network, "aws_route53_resolver_firewall_domain_list", "dns_firewall_all_domains").domains).toEqual(["*"]);
      expect(block.priority).toBeGreaterThan(allow.priority);
    });

    it("refuses, before any allow-list entry, the region's names of endpoints any AWS account can create (load balancers, APIs, EC2)", () => {
      const endpoints = resource(network, "aws_route53_resolver_firewall_domain_list", "dns_firewall_customer_endpoint_domains");
      expect(endpoints).toMatchObject({ count: 1, name: "rs-test-customer-endpoints" });
      expect(endpoints.domains).toEqual([
        "*.elb.eu-central-1.amazonaws.com",
        "*.execute-api.eu-central-1.amazonaws.com",
        "*.eu-central-1.compute.amazonaws.com",
        "*.eu-central-1.elb.amazonaws.com",
      ]);
      expect(customerEndpointDomains("eu-central-1")).toEqual(endpoints.domains);
      const blockEndpoints = resource(network, "aws_route53_resolver_firewall_rule", "dns_firewall_block_customer_endpoints");
      expect(blockEndpoints).toMatchObject({
        count: 1,
        action: "BLOCK",
        block_response: "NXDOMAIN",
        firewall_rule_group_id: "${aws_route53_resolver_firewall_rule_group.dns_firewall_rule_group[0].id}",
        firewall_domain_list_id: "${aws_route53_resolver_firewall_domain_list.dns_firewall_customer_endpoint_domains[0].id}",
      });
      // DNS Firewall applies the first matching rule, lowest priority first.
      const rules = Object.values(resources(network, "aws_route53_resolver_firewall_rule")).sort((a: any, b: any) => a.priority - b.priority);
      expect(rules.map((rule: any) => [rule.name, rule.action])).toEqual([
        ["block-customer-endpoints", "BLOCK"],
        ["allow-listed", "ALLOW"],
        ["block-everything-else", "BLOCK"],
      ]);
      // `*.<region>.amazonaws.com` admits Network Load Balancer and API Gateway names (so they would resolve
      // without this rule); EC2 and Application Load Balancer names carry the region first, so only a wider
      // allow-list entry (`*.amazonaws.com`) would admit them.
      const allowed = resource(network, "aws_route53_resolver_firewall_domain_list", "dns_firewall_allowed_domains").domains as string[];
      const admits = (pattern: string, name: string) => pattern === name || (pattern.startsWith("*.") && name.endsWith(pattern.slice(1)));
      const example = (domain: string) => domain.replace(/^\*\./, "attacker-1234.");
      expect(endpoints.domains.map((domain: string) => allowed.some((pattern) => admits(pattern, example(domain))))).toEqual([true, true, false, false]);
      expect(endpoints.domains.map((domain: string) => admits("*.amazonaws.com", example(domain)))).toEqual([true, true, true, true]);
    });

    it("applies the rules to the VPC, protected from changes and failing closed", () => {
      expect(resource(network, "aws_route53_resolver_firewall_rule_group_association", "dns_firewall_association")).toMatchObject({
        count: 1,
        vpc_id: "${aws_vpc.vpc.id}",
        firewall_rule_group_id: "${aws_route53_resolver_firewall_rule_group.dns_firewall_rule_group[0].id}",
        mutation_protection: "ENABLED",
      });
      expect(resource(network, "aws_route53_resolver_firewall_config", "dns_firewall_config")).toMatchObject({
        count: 1,
        resource_id: "${aws_vpc.vpc.id}",
        firewall_fail_open: "DISABLED",
      });
    });
  });

  it("uses the environment's own allow-list", () => {
    const input = { ...minimalInput(), hardening: { egressFilter: { allowedDomains: ["cran.r-project.org", "*.example.org"] } } };
    const { network } = synthEnvironment(load(input));
    expect(resource(network, "aws_route53_resolver_firewall_domain_list", "dns_firewall_allowed_domains").domains).toEqual([
      "cran.r-project.org",
      "*.example.org",
      ...awsServiceDomains("eu-central-1"),
    ]);
  });

  it("creates no DNS Firewall when switched off", () => {
    const { network } = synthEnvironment(load({ ...minimalInput(), hardening: { egressFilter: { enabled: false } } }));
    for (const [type, name] of [
      ["aws_route53_resolver_firewall_domain_list", "dns_firewall_allowed_domains"],
      ["aws_route53_resolver_firewall_rule", "dns_firewall_allow"],
      ["aws_route53_resolver_firewall_rule", "dns_firewall_block"],
      ["aws_route53_resolver_firewall_domain_list", "dns_firewall_customer_endpoint_domains"],
      ["aws_route53_resolver_firewall_rule", "dns_firewall_block_customer_endpoints"],
      ["aws_route53_resolver_firewall_rule_group_association", "dns_firewall_association"],
      ["aws_route53_resolver_firewall_config", "dns_firewall_config"],
    ]) {
      expect({ name, count: resource(network, type, name).count }).toEqual({ name, count: 0 });
    }
  });
});
