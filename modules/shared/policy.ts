import { Construct } from "constructs";
import { ref, Token } from "cdktf";
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

export type Statement = DataAwsIamPolicyDocumentStatement;

/**
 * An IAM policy document computed by Terraform itself (`aws_iam_policy_document` plans offline).
 * Statements stay structured in the synthesized JSON, so tests and policy checks read them
 * directly, and Terraform does the JSON encoding: no hand-built JSON strings with tokens inside.
 */
/**
 * IAM policy variables (`${aws:username}`, `${transfer:HomeDirectory}`) would be read by Terraform
 * as interpolations; aws_iam_policy_document spells them `&{...}`. cdktf tokens are left alone.
 */
export function escapePolicyVariables<T>(value: T): T {
  if (typeof value === "string") {
    return value.replace(/\$\{(?!TfToken\[)([A-Za-z0-9-]+:[^}]+)\}/g, "&{$1}") as T;
  }
  if (Array.isArray(value)) return value.map(escapePolicyVariables) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapePolicyVariables(inner)])) as T;
  }
  return value;
}

export function policyDocument(scope: Construct, id: string, statements: Statement[], options: { count?: number } = {}): string {
  // Wildcards are refused in what a statement allows; a Deny (such as "s3:* without TLS") may use them.
  for (const statement of statements.filter((s) => (s.effect ?? "Allow") === "Allow")) {
    for (const action of statement.actions ?? []) {
      if (action.includes("*")) {
        throw new Error(`${scope.node.path}/${id}: statement ${statement.sid ?? "?"} uses wildcard action ${action}`);
      }
    }
  }
  const document = new DataAwsIamPolicyDocument(scope, id, { statement: escapePolicyVariables(statements), count: options.count });
  return options.count === undefined ? document.json : Token.asString(ref(`data.${document.terraformResourceType}.${document.friendlyUniqueId}[0].json`));
}

export function servicePrincipal(service: string): Statement["principals"] {
  return [{ type: "Service", identifiers: [service] }];
}

export interface ServiceTrustOptions {
  /** Narrows the trust to calls on behalf of matching resources (`aws:SourceArn`, ArnLike). */
  readonly sourceArn?: string;
  /** For a role that exists only with the resources it serves. */
  readonly count?: number;
  /** @default "AssumedByService" */
  readonly sid?: string;
}

/** Trust policy for a role assumed by an AWS service on behalf of this account only (and, given one, of matching resources only). */
export function serviceTrust(scope: Construct, id: string, service: string, accountId: string, options: ServiceTrustOptions = {}): string {
  return policyDocument(
    scope,
    id,
    [
      {
        sid: options.sid ?? "AssumedByService",
        actions: ["sts:AssumeRole"],
        principals: servicePrincipal(service),
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
          ...(options.sourceArn ? [{ test: "ArnLike", variable: "aws:SourceArn", values: [options.sourceArn] }] : []),
        ],
      },
    ],
    { count: options.count },
  );
}
