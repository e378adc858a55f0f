import { FARGATE_SIZES } from "../../config/fargate";
import { Bounds, LOG_RETENTION_DAYS } from "../../config/limits";
import { NAME_PREFIX_PATTERN, USER_NAME_PATTERN } from "../../config/schema";
import { OutputSpec } from "../../stacks/outputs";
import { VariableSpec } from "../../stacks/module-stack";

/*
 * Variables shared by several layer modules, with the same rules the environment schema applies
 * (the patterns come from config/schema.ts, so the two cannot drift).
 */

const hclRegex = (pattern: RegExp) => JSON.stringify(pattern.source);


/** Validation that a number variable lies within the same bounds the environment schema applies. */
export function bounded(name: string, { min, max }: Bounds) {
  return { condition: `var.${name} >= ${min} && var.${name} <= ${max}`, message: `The ${name} must be from ${min} to ${max}.` };
}

export const nameVariable: VariableSpec = {
  type: "string",
  description: "Prefix of every resource name (2-12 lower-case letters, digits and hyphens).",
  validation: [{ condition: `can(regex(${hclRegex(NAME_PREFIX_PATTERN)}, var.name))`, message: "The name must be 2-12 lower-case letters, digits and hyphens, starting with a letter." }],
};

export const accountIdVariable: VariableSpec = {
  type: "string",
  description: "AWS account id the resources live in (used in key policies and ARNs; not looked up, so plans need no AWS call).",
  validation: [{ condition: 'can(regex("^[0-9]{12}$", var.account_id))', message: "The account_id must be 12 digits." }],
};

export const logRetentionVariable = (name: string, description: string, defaultDays: number): VariableSpec => ({
  type: "number",
  description,
  default: defaultDays,
  validation: [{ condition: `contains(${JSON.stringify(LOG_RETENTION_DAYS)}, var.${name})`, message: `The ${name} must be a CloudWatch Logs retention value.` }],
});

export const createRstudioVariable: VariableSpec = {
  type: "bool",
  description: "Create the RStudio part (one service, password and home directory per user).",
  default: true,
};

export const createShinyVariable: VariableSpec = {
  type: "bool",
  description: "Create the shared, autoscaled Shiny Server service.",
  default: true,
};

const fargatePairs = `{ ${Object.entries(FARGATE_SIZES)
  .map(([cpu, memories]) => `"${cpu}" = ${JSON.stringify(memories)}`)
  .join(", ")} }`;

export const usersVariable: VariableSpec = {
  type: 'map(object({ cpu = optional(number, 1024), memory = optional(number, 4096), listener_priority = optional(number), load_balancer = optional(string, "0") }))',
  description:
    "RStudio users by name (a DNS label of at most 17 characters). Each has a password secret and a home directory (kept while RStudio is switched off) and, in the workload module, a service at https://<name>.<rstudio_domain>. listener_priority (1000-49999) defaults to one derived from the name; load_balancer (default \"0\") picks which load balancer serves the user: about 99 users fit on one (AWS's default quotas).",
  default: {},
  validation: [
    {
      condition: `alltrue([for name in keys(var.users) : can(regex(${hclRegex(USER_NAME_PATTERN)}, name))])`,
      message: "Each user name must be a lower-case DNS label of at most 17 characters, starting with a letter.",
    },
    {
      // HCL does not short-circuit ||: a null priority is checked as 1000 instead.
      condition: "alltrue([for user in values(var.users) : coalesce(user.listener_priority, 1000) >= 1000 && coalesce(user.listener_priority, 1000) <= 49999])",
      message: "Each user's listener_priority must be from 1000 to 49999.",
    },
    {
      condition: `alltrue([for user in values(var.users) : contains(lookup(${fargatePairs}, tostring(user.cpu), []), user.memory)])`,
      message: "Each user's cpu and memory must be a valid Fargate pair (for example 1024 with 2048-8192).",
    },
  ],
};

/** A module variable carrying another layer's output: same name, type and meaning. */
export function upstreamVariable(output: OutputSpec): VariableSpec {
  const type = { string: "string", list: "list(string)", map: "map(string)" }[output.type];
  return { type, description: `${output.description} (the ${output.name} output of the layer that creates it)` };
}

/** `var.users` with every listener priority filled in, derived from the name where not given. */
export const USERS_WITH_PRIORITIES =
  "{ for name, user in var.users : name => merge(user, { listener_priority = coalesce(user.listener_priority, 1000 + parseint(substr(sha256(name), 0, 8), 16) % 49000) }) }";
