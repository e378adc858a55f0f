import { environments } from "../environments";
import { Evaluation } from "../policy/engine";
import { PENDING_HARDENING } from "../policy/pending-hardening";
import { stalePending, summarize } from "../policy/report";
import { RULES } from "../policy/rules";
import { evaluateEnvironments, policyEnvironments } from "../policy/run";
import { loadEnvironments } from "../stacks/app";

/** The suppressions every environment carries, each next to its construct. */
const EXPECTED_SUPPRESSIONS = (env: string) => [
  `ECS_8 ${env}-workload/aws_ecs_task_definition.rstudio_task_definition`,
  `IAM_5 ${env}-security/aws_iam_role_policy.rstudio_execution_policy`,
  `IAM_5 ${env}-security/aws_iam_role_policy.shiny_execution_policy`,
  `S3_2 ${env}-storage/aws_s3_bucket.buckets_logs_bucket`,
  `S3_5 ${env}-storage/aws_s3_bucket.buckets_logs_bucket`,
  "S3_5 bootstrap/aws_s3_bucket.state_bucket",
  // dev shares account 111111111111 with staging, which owns the account's trail and detector.
  ...(env === "dev"
    ? [`CT_1 dev-security/aws_cloudtrail.audit_trail`, `GD_1 dev-security/aws_guardduty_detector.guardduty_detector`]
    : [`S3_5 ${env}-security/aws_s3_bucket.audit_bucket_bucket`]),
];

describe("the policy pack over every environment", () => {
  let evaluations: Evaluation[] = [];
  beforeAll(() => {
    evaluations = evaluateEnvironments(loadEnvironments(environments), RULES);
  });

  it("judges dev, staging and prod", () => {
    expect(evaluations.map((evaluation) => evaluation.environment)).toEqual(["dev", "staging", "prod"]);
  });

  it.each(["dev", "staging", "prod"])("%s has no violation and no suppression error", (name) => {
    const evaluation = evaluations.find((candidate) => candidate.environment === name)!;
    expect(evaluation.errors).toEqual([]);
    expect(summarize(evaluation, RULES, PENDING_HARDENING).violations).toEqual([]);
  });

  it.each(["dev", "staging", "prod"])("%s fails only pending rules", (name) => {
    const evaluation = evaluations.find((candidate) => candidate.environment === name)!;
    const failing = new Set(evaluation.results.filter((result) => result.verdict === "fail").map((result) => result.rule));
    expect([...failing].sort()).toEqual(PENDING_HARDENING.map((entry) => entry.rule).sort());
  });

  it.each(["dev", "staging", "prod"])("%s carries exactly the known suppressions", (name) => {
    const evaluation = evaluations.find((candidate) => candidate.environment === name)!;
    const suppressed = evaluation.results.filter((result) => result.verdict === "suppressed");
    expect(suppressed.map((result) => `${result.rule} ${result.address}`).sort()).toEqual(EXPECTED_SUPPRESSIONS(name).sort());
    expect(suppressed.every((result) => (result.reason ?? "").length >= 20)).toBe(true);
  });

  it("judges real resources with most rules (the pack is not vacuous)", () => {
    const prod = summarize(evaluations.find((evaluation) => evaluation.environment === "prod")!, RULES, PENDING_HARDENING);
    expect(prod.totals.passed).toBeGreaterThan(150);
    const judged = prod.rules.filter((row) => row.passed + row.suppressed + row.pending > 0).map((row) => row.rule);
    expect(judged.length).toBeGreaterThanOrEqual(45);
  });

  it("claims no audit of object reads the trail does not record (management events only)", () => {
    const staging = policyEnvironments(loadEnvironments(environments).filter((config) => config.name === "staging"))[0];
    const trail = staging.resources.find((resource) => resource.type === "aws_cloudtrail")!;
    expect([trail.values.event_selector, trail.values.advanced_event_selector]).toEqual([undefined, undefined]);
    const reasons = evaluations
      .find((evaluation) => evaluation.environment === "staging")!
      .results.filter((result) => result.rule === "S3_5" && /(audit_bucket|state)_bucket$/.test(result.address))
      .map((result) => ({ address: result.address, unaudited: /not audited/.test(result.reason ?? ""), claimsRecorded: /recorded by|audited through/.test(result.reason ?? "") }));
    expect(reasons).toEqual([
      { address: "staging-security/aws_s3_bucket.audit_bucket_bucket", unaudited: true, claimsRecorded: false },
      { address: "bootstrap/aws_s3_bucket.state_bucket", unaudited: true, claimsRecorded: false },
    ]);
  });

  it("keeps no stale entry on the pending-hardening list", () => {
    expect(stalePending(evaluations, PENDING_HARDENING)).toEqual([]);
  });
});

describe("switching a hardening control off", () => {
  it("keeps the environment deployable and lists the switch among the suppressions", () => {
    const relaxed = environments.map((input) =>
      input.name === "dev" ? { ...input, hardening: { ...input.hardening, readOnlyRootFilesystem: false } } : input,
    );
    const evaluation = evaluateEnvironments(loadEnvironments(relaxed), RULES).find((candidate) => candidate.environment === "dev")!;
    expect(evaluation.errors).toEqual([]);
    expect(summarize(evaluation, RULES, PENDING_HARDENING).violations).toEqual([]);
    expect(evaluation.results.find((result) => result.rule === "ECS_8" && result.address.endsWith("shiny_task_definition"))).toMatchObject({
      verdict: "suppressed",
      reason: expect.stringContaining("hardening.readOnlyRootFilesystem: false"),
    });
  });

  it("suppresses GD_3 on the detector when the environment that owns it switches runtime monitoring off", () => {
    const relaxed = environments.map((input) =>
      input.name === "staging" ? { ...input, hardening: { ...input.hardening, guardDuty: { ...input.hardening?.guardDuty, runtimeMonitoring: false } } } : input,
    );
    const evaluation = evaluateEnvironments(loadEnvironments(relaxed), RULES).find((candidate) => candidate.environment === "staging")!;
    expect(evaluation.errors).toEqual([]);
    expect(summarize(evaluation, RULES, PENDING_HARDENING).violations).toEqual([]);
    expect(evaluation.results.filter((result) => result.rule === "GD_3")).toEqual([
      {
        rule: "GD_3",
        address: "staging-security/aws_guardduty_detector.guardduty_detector",
        verdict: "suppressed",
        reason: expect.stringContaining("hardening.guardDuty.runtimeMonitoring: false"),
      },
    ]);
  });
});
