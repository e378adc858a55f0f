import { ExampleContext, exampleArn, exampleUuid } from "../../stacks/output-examples";
import { OutputSpec } from "../../stacks/outputs";

const signInOn = (c: ExampleContext) => c.config.hardening.shinyAuthentication.enabled && c.config.shiny.enabled;

/** The Shiny sign-in's part of the security contract: empty strings while sign-in is off. */
export const shinySignInOutputs = {
  shinyUserPoolArn: {
    name: "shiny_user_pool_arn",
    type: "string",
    description: "ARN of the Cognito user pool Shiny users sign in with (empty when Shiny sign-in is off).",
    example: (c) => (signInOn(c) ? exampleArn(c, "cognito-idp", `userpool/${c.config.region}_${exampleUuid(`${c.config.name}/pool`).slice(0, 9)}`) : ""),
  },
  shinyUserPoolClientId: {
    name: "shiny_user_pool_client_id",
    type: "string",
    description: "The load balancer's app client in that user pool (empty when Shiny sign-in is off).",
    example: (c) => (signInOn(c) ? exampleUuid(`${c.config.name}/client`).replace(/-/g, "").slice(0, 26) : ""),
  },
  shinyUserPoolDomain: {
    name: "shiny_user_pool_domain",
    type: "string",
    description: "Domain prefix of the user pool's sign-in pages (empty when Shiny sign-in is off).",
    example: (c) => (signInOn(c) ? `${c.config.namePrefix}-shiny-${c.config.accountId}` : ""),
  },
} as const satisfies Record<string, OutputSpec>;
