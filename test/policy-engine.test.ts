import { App, TerraformStack } from "cdktf";
import { mkdtempSync, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { suppressPolicy } from "../modules/shared/policy-suppressions";
import { checkovConfig, checkovSkips } from "../policy/checkov";
import { fromDataSource, fromJson, isServiceWideArn } from "../policy/documents";
import { evaluate, mirroredIds } from "../policy/engine";
import { environmentFromPlans } from "../policy/load-plan";
import { environmentFromSynth } from "../policy/load-synth";
import { summarize, violations } from "../policy/report";
import { RULES } from "../policy/rules";
import { loadEnvironments, addStacks } from "../stacks/app";
import { minimalInput } from "./support/environment";
import { RULE_FIXTURES, stack, TerraformJson } from "./support/policy-fixtures";

const CHECKOV = /^CKV2?_AWS_\d+$/;
const TRIVY = /^AVD-AWS-\d{4}$/;
/** AWS Security Hub control ids: `GuardDuty.12`. */
const SECURITY_HUB = /^[A-Z][A-Za-z0-9]*\.\d+$/;

/** The S3_5 fixture's non-compliant bucket (no access logging), with suppressions on the bucket. */
function bucketWith(suppressions: Record<string, unknown>, json: TerraformJson = RULE_FIXTURES.S3_5.nonCompliant): TerraformJson {
  const withComment = stack(json);
  withComment.resource!.aws_s3_bucket.b = { ...withComment.resource!.aws_s3_bucket.b, "//": { policy_suppressions: suppressions } };
  return withComment;
}

const evaluateStack = (json: TerraformJson) => evaluate(environmentFromSynth("dev", [{ name: "fx", json }]), RULES);

describe("the policy pack", () => {
  it("has at least 45 rules with unique, stable ids, each mirroring real checkov, trivy or Security Hub ids", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(45);
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[A-Z][A-Z0-9]*_[0-9]+$/);
      const mirrored = mirroredIds(rule.mirrors);
      expect({ rule: rule.id, mirrored: mirrored.length > 0 }).toEqual({ rule: rule.id, mirrored: true });
      expect((rule.mirrors.checkov ?? []).filter((id) => !CHECKOV.test(id))).toEqual([]);
      expect((rule.mirrors.trivy ?? []).filter((id) => !TRIVY.test(id))).toEqual([]);
      expect((rule.mirrors.securityHub ?? []).filter((id) => !SECURITY_HUB.test(id))).toEqual([]);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
    }
  });

  it("is listed rule by rule in the README, with the ids it mirrors", () => {
    const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("The rules (")).split("\n\n")[1];
    const rows = table.split("\n").slice(2).map((row) => row.split(" | "));
    expect(rows.map((cells) => cells[0].replace(/[|` ]/g, ""))).toEqual(RULES.map((rule) => rule.id));
    expect(rows.map((cells) => cells[2])).toEqual(RULES.map((rule) => mirroredIds(rule.mirrors).join(", ")));
  });
});

describe("IAM documents", () => {
  it.each([
    ["*", false],
    ["arn:aws:s3:::*", true],
    ["arn:aws:s3:::*/*", true],
    ["arn:aws:kms:*:*:key/*", true],
    ["arn:${data.aws_partition.current.partition}:s3:::*", true],
    ["arn:aws:logs:eu-west-1:123456789012:*", true],
    ["arn:aws:iam::123456789012:role/*", true],
    ["arn:aws:s3:::data/*", false],
    ["arn:aws:s3:::data-*", false],
    ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd", false],
    ["arn:aws:logs:eu-west-1:123456789012:log-group:/app/*", false],
    ["arn:aws:s3:::home/&{aws:username}/*", false],
    ["${aws_s3_bucket.b.arn}/*", false],
  ])("%s names every resource of its service: %s", (arn, expected) => {
    expect(isServiceWideArn(arn)).toBe(expected);
  });

  it("reads not_resources, and refuses documents built from dynamic blocks or other documents", () => {
    expect(fromDataSource({ statement: [{ actions: ["s3:PutObject"], not_resources: ["arn:aws:s3:::audit/*"] }] })?.statements[0]).toMatchObject({
      actions: ["s3:PutObject"],
      resources: [],
      notResources: ["arn:aws:s3:::audit/*"],
    });
    const notPrincipal = [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }];
    const everyoneBut = (effect: string) => fromDataSource({ statement: [{ effect, actions: ["s3:GetObject"], resources: ["*"], not_principals: notPrincipal }] })!.statements[0];
    // Allowing everyone but one principal allows everyone; denying it denies no one in particular.
    expect(everyoneBut("Allow").principals).toEqual([{ type: "*", identifiers: ["*"] }]);
    expect(everyoneBut("Deny").principals).toEqual([]);
    expect(fromJson({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }] })?.statements[0].principals).toEqual([
      { type: "*", identifiers: ["*"] },
    ]);
    expect(fromDataSource({ dynamic: { statement: { for_each: "${var.statements}", content: {} } } })).toBeUndefined();
    expect(fromDataSource({ source_policy_documents: ["${data.aws_iam_policy_document.x.json}"], statement: [] })).toBeUndefined();
  });
});

describe("suppressions", () => {
  const reason = "this bucket is the access log target of the others";

  it("turn a failure into a suppressed verdict with the reason, and are not errors", () => {
    const evaluation = evaluateStack(bucketWith({ S3_5: reason }));
    expect(evaluation.results.find((result) => result.rule === "S3_5" && result.address === "fx/aws_s3_bucket.b")).toEqual({
      rule: "S3_5",
      address: "fx/aws_s3_bucket.b",
      verdict: "suppressed",
      reason,
    });
    expect(evaluation.errors).toEqual([]);
    expect(violations(evaluation, []).filter((violation) => violation.startsWith("S3_5"))).toEqual([]);
  });

  it.each([
    ["without a reason", { S3_5: "" }, "suppression S3_5 on fx/aws_s3_bucket.b: a reason of at least 20 characters is required, got: \"\""],
    ["naming an unknown rule", { S3_99: reason, S3_5: reason }, "suppression S3_99 on fx/aws_s3_bucket.b: no such rule"],
    [
      "on a resource the rule does not judge",
      { S3_5: reason, ECS_1: reason },
      "suppression ECS_1 on fx/aws_s3_bucket.b: ECS_1 does not apply to aws_s3_bucket (it judges aws_ecs_cluster)",
    ],
    ["that is stale because the resource passes", { S3_5: reason, S3_3: reason }, "suppression S3_3 on fx/aws_s3_bucket.b is stale: the resource passes S3_3; remove the suppression"],
  ])("are an error %s", (_case, suppressions, message) => {
    const evaluation = evaluateStack(bucketWith(suppressions));
    expect(evaluation.errors).toEqual([message]);
    expect(violations(evaluation, [])).toContain(message);
  });

  it("refuse a missing reason or a malformed rule id already in the construct", () => {
    const bucket = new S3Bucket(new TerraformStack(new App(), "s"), "b", { bucket: "b" });
    expect(() => suppressPolicy(bucket, "S3_5", "  ")).toThrow('policy suppression S3_5 on s/b: a reason of at least 20 characters is required, got: "  "');
    expect(() => suppressPolicy(bucket, "s3-5", reason)).toThrow('policy suppression on s/b: rule id must look like "ECS_3", got: s3-5');
  });
});

describe("blocks that create nothing (count = 0, empty for_each)", () => {
  const detector = (values: Record<string, unknown>, suppressions?: Record<string, string>) =>
    stack({ resource: { aws_guardduty_detector: { d: { ...values, ...(suppressions ? { "//": { policy_suppressions: suppressions } } : {}) } } } });
  const verdict = (json: TerraformJson, rule: string) => evaluateStack(json).results.filter((result) => result.rule === rule);
  const sharedAccount = "the account's detector is managed by the environment that shares this account";

  it("are not judged: a detector with count 0 does not satisfy GD_1", () => {
    expect(verdict(detector({ enable: true }), "GD_1").map((r) => r.verdict)).toEqual(["pass"]);
    expect(verdict(detector({ enable: true, count: 0 }), "GD_1").map((r) => r.verdict)).toEqual(["fail"]);
    expect(verdict(detector({ enable: true, for_each: {} }), "GD_2").map((r) => r.verdict)).toEqual(["not_applicable"]);
  });

  it("carry the suppression that explains an environment rule met elsewhere", () => {
    const evaluation = evaluateStack(detector({ enable: true, count: 0 }, { GD_1: sharedAccount }));
    expect(evaluation.results.filter((r) => r.rule === "GD_1")).toEqual([
      { rule: "GD_1", address: "fx/aws_guardduty_detector.d", verdict: "suppressed", reason: sharedAccount },
    ]);
    expect(evaluation.errors).toEqual([]);
  });

  it("explain an environment rule only from the environment's own stacks, not from a shared one (bootstrap)", () => {
    const shared = evaluate(
      environmentFromSynth("dev", [{ name: "fx", json: stack({}) }, { name: "bootstrap", json: detector({ enable: true, count: 0 }, { GD_1: sharedAccount }) }], ["bootstrap"]),
      RULES,
    );
    expect(shared.results.filter((r) => r.rule === "GD_1")).toEqual([
      { rule: "GD_1", address: "environment dev", verdict: "fail", reason: "no enabled aws_guardduty_detector" },
    ]);
    expect(shared.errors).toEqual([
      "suppression GD_1 on bootstrap/aws_guardduty_detector.d: bootstrap is shared by several environments; suppress GD_1 in one of dev's own stacks",
    ]);
    const own = evaluate(environmentFromSynth("dev", [{ name: "fx", json: detector({ enable: true, count: 0 }, { GD_1: sharedAccount }) }, { name: "bootstrap", json: stack({}) }], ["bootstrap"]), RULES);
    expect(own.results.filter((r) => r.rule === "GD_1").map((r) => r.verdict)).toEqual(["suppressed"]);
    expect(own.errors).toEqual([]);
  });

  it("make an environment-rule suppression stale once the environment passes", () => {
    const evaluation = evaluateStack(detector({ enable: true }, { GD_1: sharedAccount }));
    expect(evaluation.errors).toEqual([
      "suppression GD_1 on fx/aws_guardduty_detector.d is stale: the environment passes GD_1; remove the suppression",
    ]);
  });

  it("keep a resource-rule suppression for when they create something, without calling it stale", () => {
    const bucket = bucketWith({ S3_5: "the bucket is the log target; it cannot log to itself" });
    bucket.resource!.aws_s3_bucket.b.count = 0;
    expect(evaluateStack(bucket).errors).toEqual([]);
  });
});

describe("the report and the checkov skip list", () => {
  const evaluation = evaluateStack(bucketWith({ S3_5: "this bucket is the access log target of the others" }));

  it("counts verdicts per rule and lists suppressions; pending rules do not count as failures", () => {
    const summary = summarize(evaluation, RULES, [{ rule: "S3_5", reason: "pending" }]);
    expect(summary.rules.find((row) => row.rule === "S3_5")).toMatchObject({ passed: 1, failed: 0, suppressed: 1, pending: 0 });
    expect(summary.suppressions.map((result) => `${result.rule} ${result.address}`)).toEqual(["S3_5 fx/aws_s3_bucket.b"]);
    const failing = evaluateStack(RULE_FIXTURES.S3_5.nonCompliant);
    expect(summarize(failing, RULES, [{ rule: "S3_5", reason: "pending" }]).rules.find((row) => row.rule === "S3_5")).toMatchObject({ failed: 0, pending: 1 });
    expect(summarize(failing, RULES, []).violations.filter((violation) => violation.startsWith("S3_5"))).toEqual([
      "S3_5 fx/aws_s3_bucket.b: no aws_s3_bucket_logging for this bucket",
    ]);
  });

  it("exports each suppressed rule's checkov ids with the reasons", () => {
    const skips = checkovSkips([evaluation], RULES);
    expect(skips).toEqual([{ id: "CKV_AWS_18", reasons: ["S3_5 fx/aws_s3_bucket.b: this bucket is the access log target of the others"] }]);
    expect(parse(checkovConfig(skips))).toEqual({ "skip-check": ["CKV_AWS_18"] });
    expect(parse(checkovConfig([]))).toEqual({ "skip-check": [] });
  });
});

describe("plan JSON", () => {
  const plan = {
    resource_changes: [
      {
        address: "aws_iam_role_policy.p",
        mode: "managed",
        type: "aws_iam_role_policy",
        name: "p",
        change: {
          actions: ["create"],
          after: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::data/*" }] }) },
          after_unknown: {},
        },
      },
      {
        address: 'aws_ecs_task_definition.t["alice"]',
        mode: "managed",
        type: "aws_ecs_task_definition",
        name: "t",
        index: "alice",
        change: { actions: ["create"], after: { container_definitions: JSON.stringify([{ name: "app", privileged: true }]) }, after_unknown: {} },
      },
      {
        address: "aws_iam_role.inline",
        mode: "managed",
        type: "aws_iam_role",
        name: "inline",
        change: {
          actions: ["create"],
          after: { inline_policy: [{ name: "put", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::data/*" }] }) }] },
          after_unknown: {},
        },
      },
      {
        address: "aws_iam_role_policy.computed",
        mode: "managed",
        type: "aws_iam_role_policy",
        name: "computed",
        change: { actions: ["create"], after: {}, after_unknown: { policy: true } },
      },
    ],
  };
  const synth = {
    resource: { aws_iam_role_policy: { computed: { policy: "${data.aws_iam_policy_document.c.json}" } } },
    data: { aws_iam_policy_document: { c: { statement: [{ actions: ["kms:Decrypt"], resources: ["${aws_kms_key.k.arn}"] }] } } },
  };

  it("judges IAM policies (roles' inline policies included) and container definitions from the planned JSON strings, per instance", () => {
    const env = environmentFromPlans("dev", [{ name: "fx", plan, synth }]);
    const results = evaluate(env, RULES.filter((rule) => ["IAM_1", "ECS_6"].includes(rule.id))).results;
    expect(results.map(({ rule, address, verdict }) => ({ rule, address, verdict }))).toEqual([
      { rule: "ECS_6", address: 'fx/aws_ecs_task_definition.t["alice"]', verdict: "fail" },
      { rule: "IAM_1", address: "fx/aws_iam_role_policy.p", verdict: "fail" },
      { rule: "IAM_1", address: "fx/aws_iam_role.inline", verdict: "pass" },
      { rule: "IAM_1", address: "fx/aws_iam_role_policy.computed", verdict: "pass" },
    ]);
  });
});

describe("plan JSON of a role that configures no inline or managed policies", () => {
  const role = (after: Record<string, unknown>, afterUnknown: Record<string, unknown>) => ({
    resource_changes: [{ address: "aws_iam_role.r", mode: "managed", type: "aws_iam_role", name: "r", change: { actions: ["create"], after, after_unknown: afterUnknown } }],
  });
  const trust = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } }] });
  const judge = (plan: Record<string, unknown>, synth: Record<string, unknown>) =>
    evaluate(environmentFromPlans("dev", [{ name: "fx", plan, synth }]), RULES.filter((rule) => ["IAM_1", "IAM_8"].includes(rule.id))).results.map(({ rule, verdict }) => `${rule} ${verdict}`);

  it("reads the policies the provider computes (unknown in the plan) as configured: none", () => {
    const plan = role({ assume_role_policy: trust }, { inline_policy: true, managed_policy_arns: true });
    expect(judge(plan, { resource: { aws_iam_role: { r: { assume_role_policy: trust } } } })).toEqual(["IAM_1 not_applicable", "IAM_8 not_applicable"]);
  });

  it("still judges what the configuration sets", () => {
    const plan = role({ assume_role_policy: trust }, { inline_policy: true, managed_policy_arns: true });
    const synth = {
      resource: { aws_iam_role: { r: { assume_role_policy: trust, managed_policy_arns: ["arn:aws:iam::aws:policy/AdministratorAccess"], inline_policy: [{ name: "all", policy: "${data.aws_iam_policy_document.all.json}" }] } } },
      data: { aws_iam_policy_document: { all: { statement: [{ actions: ["*"], resources: ["*"] }] } } },
    };
    expect(judge(plan, synth)).toEqual(["IAM_1 fail", "IAM_8 fail"]);
  });
});

describe("the synth gate", () => {
  const synthApp = (input: Record<string, unknown>) => {
    const app = new App({ outdir: mkdtempSync(path.join(os.tmpdir(), "gate-")) });
    addStacks(app, loadEnvironments([input]));
    return () => app.synth();
  };

  it("lets a compliant environment synthesize", () => {
    expect(synthApp({ ...minimalInput() })).not.toThrow();
  });

  it("fails the synth naming rule, resource address and why", () => {
    const input = minimalInput();
    const prod = { ...input, name: "prod", network: { ...input.network, flowLogRetentionDays: 30 } };
    expect(synthApp(prod)).toThrow(
      "policy LOG_3 prod-network/aws_cloudwatch_log_group.flow_logs_log_group: retention_in_days is 30",
    );
  });
});
