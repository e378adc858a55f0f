import { tryParseTemplateJson } from "./template-json";

/** One IAM statement, normalised from either an aws_iam_policy_document block or policy JSON. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  /** Resource ARNs; an expression Terraform computes stays one opaque entry (never "*"). */
  readonly resources: readonly string[];
  readonly principals: readonly { readonly type: string; readonly identifiers: readonly string[] }[];
  readonly conditions: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

const list = (value: unknown): string[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** Statements of an `aws_iam_policy_document` data source as cdktf synthesizes them. */
export function fromDataSource(block: any): PolicyDocument {
  const statements = (block?.statement ?? []) as any[];
  return {
    statements: statements.map((statement) => ({
      sid: statement.sid,
      effect: statement.effect === "Deny" ? "Deny" : "Allow",
      actions: list(statement.actions),
      notActions: list(statement.not_actions),
      resources: list(statement.resources),
      principals: [...(statement.principals ?? []), ...(statement.not_principals ?? [])].map((principal: any) => ({
        type: String(principal.type),
        identifiers: list(principal.identifiers),
      })),
      conditions: (statement.condition ?? []).map((condition: any) => ({
        test: String(condition.test),
        variable: String(condition.variable),
        values: list(condition.values),
      })),
    })),
  };
}

/** Statements of a policy written as JSON (plan values, `jsonencode`d literals). */
export function fromJson(json: any): PolicyDocument | undefined {
  if (json === null || typeof json !== "object") return undefined;
  const statements = Array.isArray(json.Statement) ? json.Statement : json.Statement ? [json.Statement] : [];
  return {
    statements: statements.map((statement: any) => ({
      sid: statement.Sid,
      effect: statement.Effect === "Deny" ? "Deny" : "Allow",
      actions: list(statement.Action),
      notActions: list(statement.NotAction),
      resources: list(statement.Resource),
      principals: principalsOf(statement.Principal ?? statement.NotPrincipal),
      conditions: Object.entries(statement.Condition ?? {}).flatMap(([test, variables]) =>
        Object.entries(variables as Record<string, unknown>).map(([variable, values]) => ({ test, variable, values: list(values) })),
      ),
    })),
  };
}

function principalsOf(principal: unknown): PolicyStatement["principals"] {
  if (principal === undefined) return [];
  if (principal === "*") return [{ type: "*", identifiers: ["*"] }];
  return Object.entries(principal as Record<string, unknown>).map(([type, identifiers]) => ({ type, identifiers: list(identifiers) }));
}

/** A policy attribute given as a JSON string (possibly with `${...}` inside). */
export function fromJsonString(text: unknown): PolicyDocument | undefined {
  return fromJson(tryParseTemplateJson(text));
}
