import { DEFAULT_ALLOWED_DOMAINS, FIREWALL_DOMAIN_PATTERN } from "../../config/hardening";
import { VariableSpecs } from "../../stacks/module-stack";

/** The network module's egress filter variables, with the environment schema's rules. */
export const egressFilterVariables: VariableSpecs = {
  create_egress_filter: {
    type: "bool",
    description:
      "Route 53 Resolver DNS Firewall on the VPC: only egress_allowed_domains resolve. DNS-level: a connection to a literal IP address is not stopped.",
    default: true,
  },
  egress_allowed_domains: {
    type: "list(string)",
    description:
      "Domains R sessions (and the tasks themselves) may resolve; *.example.com covers every subdomain, not the apex. Defaults: CRAN, Posit Package Manager, Bioconductor, GitHub and the AWS endpoints the tasks use.",
    default: [...DEFAULT_ALLOWED_DOMAINS],
    validation: [
      { condition: "length(var.egress_allowed_domains) > 0", message: "List at least one allowed domain." },
      {
        condition: `alltrue([for domain in var.egress_allowed_domains : can(regex(${JSON.stringify(FIREWALL_DOMAIN_PATTERN.source)}, domain))])`,
        message: "Each allowed domain must be a lower-case domain name, optionally starting with *. for every subdomain.",
      },
    ],
  },
};
