import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { environments } from "../environments";
import { terraformUnavailable } from "../tools/terraform";
import { planOffline, StackPlan, summaryTable } from "../tools/plan/harness";

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
    expect(container.environment).toEqual([]);
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
    expect(planned("prod-storage", "aws_efs_access_point")).toHaveLength(5);
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
