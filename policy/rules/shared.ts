import { PolicyDocument, PolicyStatement } from "../documents";

export const WORLD_CIDRS = ["0.0.0.0/0", "::/0"];

export function isWorld(cidr: unknown): boolean {
  return WORLD_CIDRS.includes(String(cidr));
}

/** A principal anyone matches: `"*"` or `{"AWS": "*"}`. */
export function wildcardPrincipal(statement: PolicyStatement): boolean {
  return statement.principals.some((principal) => (principal.type === "*" || principal.type === "AWS") && principal.identifiers.includes("*"));
}

export function allowStatements(document: PolicyDocument): PolicyStatement[] {
  return document.statements.filter((statement) => statement.effect === "Allow");
}

/** Allow statements that grant anyone (no condition considered, as checkov does). */
export function publicGrants(document: PolicyDocument): PolicyStatement[] {
  return allowStatements(document).filter(wildcardPrincipal);
}

export function describe(statement: PolicyStatement): string {
  return statement.sid ? `statement ${statement.sid}` : "a statement";
}

/** Names that mark a value as a credential when it is passed in plain text. */
export const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
/** An AWS access key id. */
export const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;

/** Names and values that point at a secret (its ARN or name) rather than holding it. */
const POINTER_NAME = /_(ARN|NAME)$/i;
const ARN_VALUE = /^arn:|\.arn\}$/;

/**
 * Plain-text variables that look like credentials: a secret-like name with any value (other than a
 * pointer to a secret, such as its ARN), or an access key id anywhere.
 */
export function plainSecrets(variables: Record<string, unknown>): string[] {
  return Object.entries(variables)
    .filter(([name, value]) => {
      const text = String(value ?? "");
      const pointer = POINTER_NAME.test(name) || ARN_VALUE.test(text);
      return AWS_ACCESS_KEY.test(text) || (SECRET_NAME.test(name) && text.length > 0 && !pointer);
    })
    .map(([name]) => name);
}
