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

/** Names that mark a value as a credential when it is passed in plain text (anywhere in the name). */
export const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
/**
 * Short forms that mark a credential only as a word of the name (`MYSQL_PWD`, `DB_PASS`): inside
 * other words they mean nothing (`COMPASS`, `OLDPWD`), and `PWD` alone is the shell's working directory.
 */
const SECRET_WORD = /(^|_)(PWD|PASS)(_|$)/i;
const SHELL_VARIABLES = new Set(["PWD", "OLDPWD"]);
/** An AWS access key id. */
export const AWS_ACCESS_KEY = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;
/** Values that are credentials whatever the name: access key ids, private keys, JWTs, GitHub tokens. */
const SECRET_FORMATS = [AWS_ACCESS_KEY, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\beyJ[\w-]+\.eyJ[\w-]+\./, /\bgh[pousr]_[A-Za-z0-9]{36,}\b/];
/** A long random-looking string (mixed case and digits, no spaces or dots), as generated keys and passwords are. */
const looksRandom = (text: string) => /^[A-Za-z0-9+/=_-]{32,}$/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);

/** Names and values that point at a secret (its ARN, name, id or file) rather than holding it. */
const POINTER_NAME = /_(ARN|NAME|ID|FILE|PATH)$/i;
const ARN_VALUE = /^arn:|\.arn\}$/;

/**
 * Plain-text variables that look like credentials: a value in a known credential format under any
 * name; a secret-like name with any value; a name that only resembles one (`PWD`) or points at a
 * secret (`*_ARN`, `*_NAME`, an ARN) when its value itself looks like a generated secret.
 */
export function plainSecrets(variables: Record<string, unknown>): string[] {
  return Object.entries(variables)
    .filter(([name, value]) => {
      const text = String(value ?? "");
      if (SECRET_FORMATS.some((format) => format.test(text))) return true;
      const shell = SHELL_VARIABLES.has(name.toUpperCase());
      if (text.length === 0 || !(shell || SECRET_NAME.test(name) || SECRET_WORD.test(name))) return false;
      const pointer = shell || POINTER_NAME.test(name) || ARN_VALUE.test(text);
      return !pointer || looksRandom(text);
    })
    .map(([name]) => name);
}
