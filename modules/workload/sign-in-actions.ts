import { Token } from "cdktf";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { choose, Flag, inExpression } from "../shared/expressions";

/** The Cognito sign-in the load balancer performs before forwarding (the pool is security's ShinySignIn). */
export interface SignIn {
  readonly enabled: Flag;
  readonly userPoolArn: string;
  readonly userPoolClientId: string;
  readonly userPoolDomain: string;
}

/** How long a sign-in lasts before the load balancer asks Cognito again. */
export const SIGN_IN_SESSION_SECONDS = 8 * 3600;

function authenticateCognito(signIn: SignIn) {
  return {
    userPoolArn: signIn.userPoolArn,
    userPoolClientId: signIn.userPoolClientId,
    userPoolDomain: signIn.userPoolDomain,
    onUnauthenticatedRequest: "authenticate",
    scope: "openid",
    sessionTimeout: SIGN_IN_SESSION_SECONDS,
  };
}

/**
 * A listener rule's actions: `authenticate-cognito` (order 1) before `forward` (order 2) when
 * sign-in is on. A literal switch writes the actions as they are; a module's variable makes both
 * one dynamic block (a static and a dynamic block would not keep the order AWS reports them in).
 */
export function setRuleActions(rule: LbListenerRule, forward: { type: string; targetGroupArn: string }, signIn?: SignIn): void {
  if (signIn === undefined || signIn.enabled === false) {
    rule.putAction([forward]);
    return;
  }
  const cognito = authenticateCognito(signIn);
  if (signIn.enabled === true) {
    rule.putAction([{ type: "authenticate-cognito", order: 1, authenticateCognito: cognito }, { ...forward, order: 2 }]);
    return;
  }
  rule.putAction([]);
  rule.addOverride("dynamic.action", {
    for_each: Token.asList(choose<readonly string[]>(signIn.enabled, ["authenticate-cognito", "forward"], ["forward"])),
    content: {
      type: "${action.value}",
      order: "${action.key + 1}",
      target_group_arn: `\${action.value == "forward" ? ${inExpression(forward.targetGroupArn)} : null}`,
      dynamic: {
        authenticate_cognito: {
          for_each: '${action.value == "authenticate-cognito" ? ["cognito"] : []}',
          content: {
            user_pool_arn: cognito.userPoolArn,
            user_pool_client_id: cognito.userPoolClientId,
            user_pool_domain: cognito.userPoolDomain,
            on_unauthenticated_request: cognito.onUnauthenticatedRequest,
            scope: cognito.scope,
            session_timeout: cognito.sessionTimeout,
          },
        },
      },
    },
  });
}
