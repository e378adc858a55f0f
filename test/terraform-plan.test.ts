import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { environments } from "../environments";
import { terraformUnavailable } from "../tools/terraform";
import { planOffline, StackPlan, summaryTable } from "../tools/plan/harness";
import { evaluate } from "../policy/engine";
import { PENDING_HARDENING } from "../policy/pending-hardening";
import { violations } from "../policy/report";
import { environmentFromPlanDirectory } from "../policy/plan-environment";
import { RULES } from "../policy/rules";

/*
 * The real Terraform over every synthesized stack, offline: `terraform init` from the provider
 * mirror, `terraform validate` (no errors, no warnings) and `terraform plan`, in dependency order.
 * Missing Terraform or mirror fails the suite unless SKIP_TERRAFORM_TESTS=1 says so explicitly.
 */
const skip = process.env.SKIP_TERRAFORM_TESTS === "1";

(skip ? describe.skip : describe)("terraform validate + plan of every stack (offline)", () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-plan-"));
  let plans: StackPlan[] = [];

  beforeAll(async () => {
    const unavailable = terraformUnavailable();
    if (unavailable) {
      throw new Error(`cannot run terraform: ${unavailable}. Set SKIP_TERRAFORM_TESTS=1 to skip these tests on purpose.`);
    }
    const started = Date.now();
    plans = await planOffline({ inputs: environments, workDir, concurrency: 2 });
    process.stdout.write(`\n${summaryTable(plans)}\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }, 600_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("plans the 12 environment-layer stacks and bootstrap", () => {
    expect(plans.map((plan) => plan.stack).sort()).toEqual(
      ["bootstrap", ...["dev", "prod", "staging"].flatMap((env) => ["network", "security", "storage", "workload"].map((layer) => `${env}-${layer}`))].sort(),
    );
  });

  it("validates and plans every stack without error", () => {
    expect(plans.filter((plan) => !plan.ok).map((plan) => `${plan.stack}: ${plan.error}`)).toEqual([]);
  });

  it("creates everything from scratch: nothing to change or destroy", () => {
    for (const plan of plans) {
      expect({ stack: plan.stack, change: plan.change, destroy: plan.destroy, creates: plan.add > 0 }).toEqual({
        stack: plan.stack,
        change: 0,
        destroy: 0,
        creates: true,
      });
    }
  });

  it("hands the workload a decoded container definition with the user's secret ARN, never a value", () => {
    const plan = JSON.parse(readFileSync(plans.find((p) => p.stack === "prod-workload")!.planJsonPath!, "utf8"));
    const taskDefinition = plan.resource_changes.find(
      (change: any) => change.address === 'aws_ecs_task_definition.rstudio_task_definition["carol"]',
    );
    const [container] = JSON.parse(taskDefinition.change.after.container_definitions);
    expect(container.secrets).toEqual([
      { name: "PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:222222222222:secret:rstudio-prod/rstudio/carol/password-AbCdEf" },
    ]);
    // Settings only, never a secret; the workgroup it names is the one the storage plan creates.
    const storage = JSON.parse(readFileSync(plans.find((p) => p.stack === "prod-storage")!.planJsonPath!, "utf8"));
    const workgroup = storage.resource_changes.find((change: any) => change.address === "aws_athena_workgroup.athena_workgroup");
    expect(container.environment).toEqual([
      { name: "ATHENA_OUTPUT_LOCATION", value: "s3://rstudio-prod-athena-222222222222-eu-west-1/results/" },
      { name: "ATHENA_WORKGROUP", value: workgroup.change.after.name },
      { name: "AWS_DEFAULT_REGION", value: "eu-west-1" },
      { name: "AWS_REGION", value: "eu-west-1" },
    ]);
    expect(workgroup.change.after.name).toBe("rstudio-prod-analytics");
  });

  it("runs the policy pack over prod's plan JSON: IAM documents and container definitions as planned", () => {
    const stacks = ["prod-network", "prod-security", "prod-storage", "prod-workload", "bootstrap"];
    const env = environmentFromPlanDirectory("prod", path.join(workDir, "stacks"), stacks);
    const evaluation = evaluate(env, RULES);
    // Same verdicts as over the synthesized JSON: nothing fails but pending hardening.
    expect(evaluation.errors).toEqual([]);
    expect(violations(evaluation, PENDING_HARDENING)).toEqual([]);
    const verdicts = (rule: string, type: string) =>
      evaluation.results
        .filter((result) => result.rule === rule && result.address.includes(`/${type}.`))
        .map((result) => `${result.address} ${result.verdict}`);
    const all = (lines: string[], verdict: string) => lines.length > 0 && lines.every((line) => line.endsWith(` ${verdict}`));
    // Role policies: the planned JSON where Terraform knows it, the synthesized document where a key ARN is still unknown.
    // Flow logs; audit log delivery; passwords (2); rstudio and shiny execution and task (4); DataSync, SFTP logging and user, upload trigger (4).
    expect(verdicts("IAM_1", "aws_iam_role_policy")).toHaveLength(12);
    for (const rule of ["IAM_1", "IAM_2", "IAM_3", "IAM_4", "IAM_7"]) expect(all(verdicts(rule, "aws_iam_role_policy"), "pass")).toBe(true);
    expect(verdicts("IAM_5", "aws_iam_role_policy").filter((line) => !line.endsWith(" pass")).sort()).toEqual([
      "prod-security/aws_iam_role_policy.rstudio_execution_policy suppressed",
      "prod-security/aws_iam_role_policy.shiny_execution_policy suppressed",
    ]);
    expect(all(verdicts("IAM_6", "aws_iam_role"), "pass")).toBe(true);
    // Task definitions: one per user instance plus Shiny, decoded from the planned container_definitions.
    expect(verdicts("ECS_6", "aws_ecs_task_definition").sort()).toEqual([
      'prod-workload/aws_ecs_task_definition.rstudio_task_definition["alice"] pass',
      'prod-workload/aws_ecs_task_definition.rstudio_task_definition["bob"] pass',
      'prod-workload/aws_ecs_task_definition.rstudio_task_definition["carol"] pass',
      'prod-workload/aws_ecs_task_definition.rstudio_task_definition["dmitri"] pass',
      "prod-workload/aws_ecs_task_definition.shiny_task_definition[0] pass",
    ]);
    for (const rule of ["ECS_4", "ECS_5", "ECS_7"]) expect(all(verdicts(rule, "aws_ecs_task_definition"), "pass")).toBe(true);
    // Shiny runs with a read-only root; RStudio's writable root is a reasoned suppression.
    expect(verdicts("ECS_8", "aws_ecs_task_definition").filter((line) => !line.includes("rstudio_task_definition"))).toEqual([
      "prod-workload/aws_ecs_task_definition.shiny_task_definition[0] pass",
    ]);
    expect(all(verdicts("ECS_8", "aws_ecs_task_definition").filter((line) => line.includes("rstudio_task_definition")), "suppressed")).toBe(true);
  });

  function planned(stack: string, type: string): string[] {
    const plan = JSON.parse(readFileSync(plans.find((p) => p.stack === stack)!.planJsonPath!, "utf8"));
    return plan.resource_changes.filter((change: any) => change.type === type && change.change.actions.includes("create")).map((change: any) => change.address);
  }

  it.each([
    ["dev", 1, 0],
    ["staging", 2, 8],
    ["prod", 3, 8],
  ])("gives %s %i NAT gateway(s) and %i interface endpoints", (env, nats, endpoints) => {
    expect(planned(`${env}-network`, "aws_nat_gateway")).toHaveLength(nats);
    expect(planned(`${env}-network`, "aws_vpc_endpoint")).toHaveLength(endpoints + 1);
  });

  it("plans one RStudio service, password, home and validation record per user, keyed by name", () => {
    expect(planned("prod-workload", "aws_ecs_service").sort()).toEqual([
      'aws_ecs_service.rstudio_service["alice"]',
      'aws_ecs_service.rstudio_service["bob"]',
      'aws_ecs_service.rstudio_service["carol"]',
      'aws_ecs_service.rstudio_service["dmitri"]',
      "aws_ecs_service.shiny_service[0]",
    ]);
    expect(planned("prod-security", "aws_secretsmanager_secret")).toHaveLength(4);
    // A home per user, the shared Shiny apps and the synced data.
    expect(planned("prod-storage", "aws_efs_access_point")).toHaveLength(6);
    expect(planned("prod-storage", "aws_efs_mount_target")).toHaveLength(3);
    expect(planned("prod-security", "aws_route53_record").sort()).toEqual([
      'aws_route53_record.certificate_validation["rstudio"]',
      'aws_route53_record.certificate_validation["shiny"]',
    ]);
  });

  it("schedules dev's RStudio services (start and stop per user) and nowhere else", () => {
    expect(planned("dev-workload", "aws_appautoscaling_scheduled_action").sort()).toEqual([
      'aws_appautoscaling_scheduled_action.rstudio_schedule_start["alice"]',
      'aws_appautoscaling_scheduled_action.rstudio_schedule_start["bob"]',
      'aws_appautoscaling_scheduled_action.rstudio_schedule_stop["alice"]',
      'aws_appautoscaling_scheduled_action.rstudio_schedule_stop["bob"]',
    ]);
    expect(planned("prod-workload", "aws_appautoscaling_scheduled_action")).toEqual([]);
  });

  it("switches the WAF allow-list on where an environment has one", () => {
    expect(planned("staging-security", "aws_wafv2_ip_set")).toHaveLength(1);
    expect(planned("prod-security", "aws_wafv2_ip_set")).toHaveLength(0);
  });

  it("keeps every secret value out of the plans", () => {
    for (const plan of plans) {
      const json = JSON.parse(readFileSync(plan.planJsonPath!, "utf8"));
      const versions = (json.resource_changes ?? []).filter((change: any) => change.type === "aws_secretsmanager_secret_version");
      expect(versions).toEqual([]);
    }
  });
});
