import { fail, notApplicable, pass, passIf, resourceRule, Rule } from "../engine";
import { block } from "../model";
import { plainSecrets } from "./shared";

const FUNCTION = ["aws_lambda_function"];

/** Runtimes Lambda no longer supports (or has announced the end of). */
export const DEPRECATED_RUNTIMES = new Set([
  "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
  "python2.7", "python3.6", "python3.7", "python3.8", "ruby2.5", "ruby2.7", "java8", "go1.x", "dotnetcore1.0", "dotnetcore2.0",
  "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "provided",
]);

const variablesOf = (fn: Record<string, any>): Record<string, unknown> => block(fn.environment)?.variables ?? {};

export const lambdaRules: Rule[] = [
  resourceRule({
    id: "LAMBDA_1",
    title: "Lambda function has active X-Ray tracing",
    mirrors: { checkov: ["CKV_AWS_50"], trivy: ["AVD-AWS-0066"] },
    resourceTypes: FUNCTION,
    check: (fn) => passIf(block(fn.values.tracing_config)?.mode === "Active", "tracing_config mode is not Active"),
  }),
  resourceRule({
    id: "LAMBDA_2",
    title: "Lambda function has no secrets in plain environment variables",
    mirrors: { checkov: ["CKV_AWS_45"] },
    resourceTypes: FUNCTION,
    check: (fn) => {
      const secrets = plainSecrets(variablesOf(fn.values));
      return secrets.length === 0 ? pass() : fail(`environment variables look like secrets: ${secrets.join(", ")}`);
    },
  }),
  resourceRule({
    id: "LAMBDA_3",
    title: "Lambda environment variables are encrypted with a customer-managed KMS key",
    mirrors: { checkov: ["CKV_AWS_173"] },
    resourceTypes: FUNCTION,
    check: (fn) => {
      if (Object.keys(variablesOf(fn.values)).length === 0) return notApplicable("no environment variables");
      return passIf(Boolean(fn.values.kms_key_arn), "kms_key_arn is not set");
    },
  }),
  resourceRule({
    id: "LAMBDA_4",
    title: "Lambda permission for an AWS service is limited by source ARN or source account",
    mirrors: { checkov: ["CKV_AWS_364"], trivy: ["AVD-AWS-0067"] },
    resourceTypes: ["aws_lambda_permission"],
    check: (permission) => {
      if (!String(permission.values.principal ?? "").endsWith(".amazonaws.com")) return notApplicable("principal is not an AWS service");
      return passIf(Boolean(permission.values.source_arn || permission.values.source_account), "neither source_arn nor source_account is set");
    },
  }),
  resourceRule({
    id: "LAMBDA_5",
    title: "Lambda function uses a supported runtime",
    mirrors: { checkov: ["CKV_AWS_363"] },
    resourceTypes: FUNCTION,
    check: (fn) => {
      if (fn.values.package_type === "Image") return notApplicable("container image function");
      return passIf(!DEPRECATED_RUNTIMES.has(fn.values.runtime), `runtime ${fn.values.runtime} is deprecated`);
    },
  }),
];
