import { Construct } from "constructs";
import { Token } from "cdktf";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { CognitoUserPoolDomain } from "@cdktf/provider-aws/lib/cognito-user-pool-domain";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { TerraformResource } from "cdktf";
import { addressOf, choose, countWhen, expression, firstInstance, Flag } from "../shared/expressions";

export interface ShinySignInProps {
  readonly name: string;
  readonly accountId: string;
  /** The Shiny host: the load balancer's callback lives there. */
  readonly shinyDomain: string;
  readonly create: Flag;
  /** `ON` or `OPTIONAL`. */
  readonly mfa: string;
  /** Plus tier with threat protection enforced. */
  readonly threatProtection: Flag;
  /** The load balancer talks to the Cognito token endpoint itself. */
  readonly albSecurityGroupId: string;
  /** `prevent_destroy` on the user pool (its users cannot be recreated). */
  readonly preventDestroy: boolean;
}

/** An attribute of an optional resource, or "" when it does not exist. */
function orEmpty(resource: TerraformResource, attribute: string): string {
  return Token.asString(expression(`join("", ${addressOf(resource)}[*].${attribute})`));
}

/**
 * Sign-in in front of Shiny: a Cognito user pool (administrators create the users; strong
 * passwords; an authenticator app), its hosted domain and the app client the load balancer's
 * `authenticate-cognito` action uses (OAuth code flow back to `/oauth2/idpresponse`).
 */
export class ShinySignIn extends Construct {
  readonly userPoolArn: string;
  readonly clientId: string;
  /** The Cognito domain prefix. */
  readonly domain: string;

  constructor(scope: Construct, id: string, props: ShinySignInProps) {
    super(scope, id);
    const count = countWhen(props.create);
    const pool = new CognitoUserPool(this, "user_pool", {
      count,
      name: `${props.name}-shiny`,
      deletionProtection: "ACTIVE",
      userPoolTier: Token.asString(choose(props.threatProtection, "PLUS", "ESSENTIALS")),
      userPoolAddOns: { advancedSecurityMode: Token.asString(choose(props.threatProtection, "ENFORCED", "OFF")) },
      usernameAttributes: ["email"],
      usernameConfiguration: { caseSensitive: false },
      autoVerifiedAttributes: ["email"],
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      accountRecoverySetting: { recoveryMechanism: [{ name: "verified_email", priority: 1 }] },
      mfaConfiguration: props.mfa,
      softwareTokenMfaConfiguration: { enabled: true },
      passwordPolicy: {
        minimumLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 3,
      },
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    const domain = new CognitoUserPoolDomain(this, "domain", {
      count,
      // Domain prefixes are unique per region across all of AWS: the account id makes this one so.
      domain: `${props.name}-shiny-${props.accountId}`,
      userPoolId: firstInstance(pool, "id"),
    });
    const client = new CognitoUserPoolClient(this, "client", {
      count,
      name: "shiny-load-balancer",
      userPoolId: firstInstance(pool, "id"),
      // The load balancer is a confidential client: it redeems the code with this secret.
      generateSecret: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ["code"],
      allowedOauthScopes: ["openid", "email"],
      callbackUrls: [`https://${props.shinyDomain}/oauth2/idpresponse`],
      supportedIdentityProviders: ["COGNITO"],
      explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
      preventUserExistenceErrors: "ENABLED",
      enableTokenRevocation: true,
      accessTokenValidity: 1,
      idTokenValidity: 1,
      refreshTokenValidity: 12,
      tokenValidityUnits: [{ accessToken: "hours", idToken: "hours", refreshToken: "hours" }],
    });
    new VpcSecurityGroupEgressRule(this, "alb_to_cognito", {
      count,
      securityGroupId: props.albSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS to the Cognito token and user info endpoints (Shiny sign-in)",
    });

    this.userPoolArn = orEmpty(pool, "arn");
    this.clientId = orEmpty(client, "id");
    this.domain = orEmpty(domain, "domain");
  }
}
