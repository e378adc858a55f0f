import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { EnvironmentInput } from "../config/schema";
import { environments } from "../environments";
import { buildApp } from "../stacks/app";
import { planOffline, StackPlan } from "../tools/plan/harness";
import { planAgainstState, settleState } from "../tools/plan/upgrade";
import { offlineTerraformEnv, terraformUnavailable } from "../tools/terraform";

/*
 * Changes to a deployed environment, as Terraform plans them: dev is planned offline, its plan is
 * turned into the state an apply would leave (tools/plan/upgrade.ts), and each changed
 * configuration is planned against that state. Terraform itself says what is updated in place,
 * what is replaced and what is left alone.
 */
const skip = process.env.SKIP_TERRAFORM_TESTS === "1";
const [dev, ...others] = environments;

/** Dev with two users per load balancer (so a third opens load balancer "1"), and carol's home kept for her. */
const deployed: EnvironmentInput = {
  ...dev,
  loadBalancer: { ...dev.loadBalancer, maxRulesPerListener: 3 },
  rstudio: { ...dev.rstudio, retainedUsers: ["carol"] },
};

const changedActions = (plan: any): Record<string, string[]> =>
  Object.fromEntries(
    (plan.resource_changes as any[])
      .filter((change) => change.change.actions.some((action: string) => action !== "no-op" && action !== "read"))
      .map((change) => [change.address, change.change.actions]),
  );

(skip ? describe.skip : describe)("changes planned against a deployed dev workload", () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-upgrade-"));
  const env = offlineTerraformEnv(workDir);
  let deployedWorkload: string;
  let state: any;

  beforeAll(async () => {
    const unavailable = terraformUnavailable();
    if (unavailable) throw new Error(`cannot run terraform: ${unavailable}. Set SKIP_TERRAFORM_TESTS=1 to skip these tests on purpose.`);
    const plans: StackPlan[] = await planOffline({ inputs: [deployed, ...others], only: ["dev"], workDir: path.join(workDir, "deployed") });
    expect(plans.filter((plan) => !plan.ok).map((plan) => plan.error)).toEqual([]);
    deployedWorkload = path.join(workDir, "deployed", "stacks", "dev-workload");
    state = await settleState(deployedWorkload, JSON.parse(readFileSync(path.join(deployedWorkload, "plan.json"), "utf8")), workDir, env);
  }, 600_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  /** Plans `next` (dev's settings after the change) against the deployed state. */
  async function planChange(name: string, next: EnvironmentInput, from: object = state): Promise<any> {
    const outdir = path.join(workDir, name);
    buildApp([next, ...others], { outdir }).synth();
    return (await planAgainstState(deployedWorkload, path.join(outdir, "stacks", "dev-workload"), from, path.join(workDir, `${name}-plan`), env)).plan;
  }

  it("switches Shiny's Spot tasks off by updating the service in place", async () => {
    const plan = await planChange("spot-off", { ...deployed, shiny: { ...deployed.shiny, fargateSpot: false } });
    expect(changedActions(plan)).toEqual({ "aws_ecs_service.shiny_service[0]": ["update"] });
  }, 120_000);

  /** The deployed state after the schedule's stop action ran: targets at 0..0, services at no task. */
  function nightState(): object {
    const night = JSON.parse(JSON.stringify(state));
    for (const resource of night.resources) {
      if (resource.type === "aws_appautoscaling_target" && resource.name === "rstudio_schedule_target") {
        for (const instance of resource.instances) Object.assign(instance.attributes, { min_capacity: 0, max_capacity: 0 });
      }
      if (resource.type === "aws_ecs_service" && resource.name === "rstudio_service") {
        for (const instance of resource.instances) instance.attributes.desired_count = 0;
      }
    }
    return night;
  }

  it.each([
    ["by day", () => state],
    ["at night, the services stopped", nightState],
  ])("re-registers the RStudio targets when the schedule is switched off %s, and changes nothing else", async (when, from) => {
    const { schedule: _schedule, ...alwaysOn } = deployed.rstudio!;
    const plan = await planChange(`schedule-off-${when.split(" ")[0]}`, { ...deployed, rstudio: alwaysOn }, from());
    const perUser = (user: string) => ({
      [`aws_appautoscaling_target.rstudio_schedule_target["${user}"]`]: ["delete", "create"],
      [`aws_appautoscaling_scheduled_action.rstudio_schedule_start["${user}"]`]: ["delete"],
      [`aws_appautoscaling_scheduled_action.rstudio_schedule_stop["${user}"]`]: ["delete"],
    });
    expect(changedActions(plan)).toEqual({ ...perUser("alice"), ...perUser("bob"), "terraform_data.rstudio_schedule_mode": ["delete", "create"] });
    // Registering the target at 1..1 starts a stopped service (RegisterScalableTarget moves the count into its bounds).
    const target = plan.resource_changes.find((change: any) => change.address === 'aws_appautoscaling_target.rstudio_schedule_target["alice"]');
    expect([target.change.after.min_capacity, target.change.after.max_capacity]).toEqual([1, 1]);
  }, 240_000);

  it("plans nothing for the bounds the scheduled actions set every day", async () => {
    const afterStart = JSON.parse(JSON.stringify(state));
    const targets = afterStart.resources.find((resource: any) => resource.type === "aws_appautoscaling_target" && resource.name === "rstudio_schedule_target");
    for (const instance of targets.instances) Object.assign(instance.attributes, { min_capacity: 1, max_capacity: 1 });
    const plan = await planChange("daytime", deployed, afterStart);
    expect(changedActions(plan)).toEqual({});
  }, 120_000);

  it("adds a user on a new load balancer without changing anything that exists", async () => {
    const plan = await planChange("add-carol", {
      ...deployed,
      rstudio: { ...deployed.rstudio, users: [...deployed.rstudio!.users!, { name: "carol" }], retainedUsers: [] },
    });
    const actions = changedActions(plan);
    expect(Object.entries(actions).filter(([, planned]) => planned.join() !== "create")).toEqual([]);
    expect(Object.keys(actions)).toEqual(
      expect.arrayContaining(['aws_lb.load_balancer_alb["1"]', 'aws_lb_listener.load_balancer_https["1"]', 'aws_ecs_service.rstudio_service["carol"]']),
    );
  }, 120_000);
});
