import { LayerModule } from "../../stacks/module-stack";
import { networkOutputs } from "../network/contract";
import { LIMITS } from "../../config/limits";
import {
  accountIdVariable,
  bounded,
  createRstudioVariable,
  createShinyVariable,
  logRetentionVariable,
  nameVariable,
  upstreamVariable,
  usersVariable,
} from "../shared/module-variables";
import { securityOutputs } from "./contract";
import { securityHardeningFromVariables, securityHardeningVariables } from "./hardening-variables";
import { SecurityLayer } from "./index";

const cidrList = (name: string) => ({
  condition: `alltrue([for cidr in var.${name} : can(cidrhost(cidr, 0))])`,
  message: `Every entry of ${name} must be an IPv4 CIDR.`,
});

/** The security layer as a Terraform module. */
export const securityModule: LayerModule = {
  layer: "security",
  description:
    "KMS keys, security groups, IAM roles, the WAF web ACL, the ACM certificate, the RStudio user passwords, the account's GuardDuty detector and CloudTrail trail, and the Shiny sign-in.",
  variables: {
    name: nameVariable,
    account_id: accountIdVariable,
    vpc_id: upstreamVariable(networkOutputs.vpcId),
    allowed_cidrs: {
      type: "list(string)",
      description: "Client networks allowed to reach the load balancer.",
      validation: [{ condition: "length(var.allowed_cidrs) > 0", message: "At least one allowed CIDR is required." }, cidrList("allowed_cidrs")],
    },
    sftp_allowed_cidrs: {
      type: "list(string)",
      description: "Client networks allowed to reach the SFTP endpoint on port 22 (empty: SFTP is off or reachable from nowhere).",
      default: [],
      validation: [cidrList("sftp_allowed_cidrs"), { condition: "length(var.sftp_allowed_cidrs) <= 30", message: "At most 30 sftp_allowed_cidrs." }],
    },
    waf_ip_allow_list: {
      type: "list(string)",
      description: "When not empty, the WAF blocks every request from other networks.",
      default: [],
      validation: [cidrList("waf_ip_allow_list")],
    },
    waf_rate_limit: {
      type: "number",
      description: "Requests per 5 minutes from one IP before the WAF blocks it.",
      default: 2000,
      validation: [bounded("waf_rate_limit", LIMITS.wafRateLimit)],
    },
    hosted_zone_id: { type: "string", description: "Route 53 hosted zone holding both domains (certificate validation records go here)." },
    rstudio_domain: { type: "string", description: "Users reach RStudio at https://<user>.<rstudio_domain>." },
    shiny_domain: { type: "string", description: "Host name of the shared Shiny Server." },
    create_rstudio: createRstudioVariable,
    create_shiny: createShinyVariable,
    users: usersVariable,
    password_rotation_days: {
      type: "number",
      description: "Days between automatic password rotations (a running RStudio keeps its password until its task restarts).",
      default: 90,
      validation: [bounded("password_rotation_days", LIMITS.passwordRotationDays)],
    },
    log_retention_days: logRetentionVariable("log_retention_days", "Days to keep WAF and password-rotation logs.", 365),
    ...securityHardeningVariables,
  },
  outputs: securityOutputs,
  build: (scope, id, vars) =>
    new SecurityLayer(
      scope,
      id,
      {
        name: vars.string("name"),
        accountId: vars.string("account_id"),
        region: vars.region,
        allowedCidrs: vars.list("allowed_cidrs"),
        sftpAllowedCidrs: vars.list("sftp_allowed_cidrs"),
        wafIpAllowList: vars.list("waf_ip_allow_list"),
        wafRateLimit: vars.number("waf_rate_limit"),
        hostedZoneId: vars.string("hosted_zone_id"),
        rstudioDomain: vars.string("rstudio_domain"),
        shinyDomain: vars.string("shiny_domain"),
        createRstudio: vars.bool("create_rstudio"),
        createShiny: vars.bool("create_shiny"),
        users: vars.any("users"),
        passwordRotationDays: vars.number("password_rotation_days"),
        logRetentionDays: vars.number("log_retention_days"),
        preventDestroy: true,
        protectUserData: true,
        hardening: securityHardeningFromVariables(vars),
      },
      { vpcId: vars.string("vpc_id") },
    ).outputs,
};
