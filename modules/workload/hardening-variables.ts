import { ModuleContext, VariableSpec, VariableSpecs } from "../../stacks/module-stack";
import { WorkloadHardeningInputs } from "./index";

/** The workload module's hardening variables (see config/hardening.ts). */
export const workloadHardeningVariables: VariableSpecs = {
  create_shield_protections: {
    type: "bool",
    description:
      "Shield Advanced protection for every load balancer and the hosted zone. Needs an active Shield Advanced subscription (USD 3,000 a month per organization).",
    default: false,
  },
  shiny_sign_in: {
    type: "bool",
    description:
      "Sign Shiny users in with Cognito at the load balancer before any request reaches Shiny; needs the security module's shiny_user_pool_* outputs (create_shiny_sign_in).",
    default: false,
    validation: [
      {
        condition: '!var.shiny_sign_in || (var.shiny_user_pool_arn != "" && var.shiny_user_pool_client_id != "" && var.shiny_user_pool_domain != "")',
        message: "Shiny sign-in needs shiny_user_pool_arn, shiny_user_pool_client_id and shiny_user_pool_domain.",
      },
    ],
  },
};

/** Upstream outputs the module may go without: empty while Shiny sign-in is off. */
const OPTIONAL_UPSTREAM = new Set(["shiny_user_pool_arn", "shiny_user_pool_client_id", "shiny_user_pool_domain"]);

/** An upstream variable, optional (default "") where the module works without it. */
export function withOptionalDefault(name: string, spec: VariableSpec): VariableSpec {
  return OPTIONAL_UPSTREAM.has(name) ? { ...spec, default: "" } : spec;
}

export function workloadHardeningFromVariables(vars: ModuleContext): WorkloadHardeningInputs {
  return {
    shieldAdvanced: vars.bool("create_shield_protections"),
    shinySignIn: vars.bool("shiny_sign_in"),
    // A module's Shiny always runs read-only: the container definition cannot take it from a variable.
    shinyReadOnlyRoot: true,
  };
}
