import { Testing } from "cdktf";
import { EnvironmentInput } from "../config/schema";
import { SUPPRESSIONS_KEY } from "../modules/shared/policy-suppressions";
import { READ_ONLY_ROOT_POLICY, SHINY_SCRATCH_PATHS } from "../modules/workload/read-only-root";
import { addEnvironment } from "../stacks/environment";
import { load, minimalInput, withUsers } from "./support/environment";
import { parseTemplateJson, resource, synthEnvironment } from "./support/synth";

const remote = (output: string) => `\${data.terraform_remote_state.security.outputs.${output}}`;
const container = (workload: any, service: string) => parseTemplateJson(resource(workload, "aws_ecs_task_definition", `${service}_task_definition`).container_definitions)[0];

function withHardening(hardening: EnvironmentInput["hardening"]): EnvironmentInput {
  return { ...withUsers(minimalInput(), "ada"), hardening };
}

describe("workload layer hardening", () => {
  describe("by default", () => {
    const { workload } = synthEnvironment(load(withUsers(minimalInput(), "ada")));

    it("signs Shiny users in with Cognito before forwarding to Shiny", () => {
      expect(resource(workload, "aws_lb_listener_rule", "shiny_listener_rule").action).toEqual([
        {
          type: "authenticate-cognito",
          order: 1,
          authenticate_cognito: {
            user_pool_arn: remote("shiny_user_pool_arn"),
            user_pool_client_id: remote("shiny_user_pool_client_id"),
            user_pool_domain: remote("shiny_user_pool_domain"),
            on_unauthenticated_request: "authenticate",
            scope: "openid",
            session_timeout: 28800,
          },
        },
        { type: "forward", order: 2, target_group_arn: "${aws_lb_target_group.shiny_target_group[0].arn}" },
      ]);
    });

    it("leaves RStudio's own sign-in alone (forward only)", () => {
      expect(resource(workload, "aws_lb_listener_rule", "rstudio_listener_rule").action).toEqual([
        { type: "forward", target_group_arn: "${aws_lb_target_group.rstudio_target_group[each.key].arn}" },
      ]);
    });

    it("runs Shiny on a read-only root with a scratch volume at every path it writes", () => {
      const shiny = container(workload, "shiny");
      expect(shiny.readonlyRootFilesystem).toBe(true);
      const scratch = shiny.mountPoints.filter((mount: any) => mount.sourceVolume.startsWith("scratch-"));
      expect(scratch.map((mount: any) => mount.containerPath)).toEqual([...SHINY_SCRATCH_PATHS]);
      expect(scratch.every((mount: any) => mount.readOnly === false)).toBe(true);
      expect(SHINY_SCRATCH_PATHS).toEqual(expect.arrayContaining(["/tmp", "/run", "/var/log/shiny-server", "/var/lib/shiny-server", "/var/lib/amazon/ssm"]));
      // Each scratch mount is backed by a task volume on ephemeral storage (no EFS configuration).
      const volumes = resource(workload, "aws_ecs_task_definition", "shiny_task_definition").volume;
      for (const mount of scratch) {
        expect(volumes.find((volume: any) => volume.name === mount.sourceVolume)).toEqual({ name: mount.sourceVolume });
      }
      expect(shiny.environment).toEqual([{ name: "S6_READ_ONLY_ROOT", value: "1" }]);
      expect(shiny.mountPoints).toContainEqual({ sourceVolume: "shiny-apps", containerPath: "/srv/shiny-server/apps", readOnly: true });
    });

    it("keeps RStudio's root writable and records why next to its task definition", () => {
      const rstudio = container(workload, "rstudio");
      expect(rstudio.readonlyRootFilesystem).toBeUndefined();
      expect(rstudio.mountPoints.map((mount: any) => mount.sourceVolume)).toEqual(["home", "shiny-apps", "data"]);
      // Testing.synth drops `//` comments; the stack's own JSON keeps them, as `cdktf synth` writes it.
      const stacks = addEnvironment(Testing.app(), load(withUsers(minimalInput(), "ada")));
      const json = stacks.workload.toTerraform() as any;
      const suppressions = json.resource.aws_ecs_task_definition.rstudio_task_definition["//"][SUPPRESSIONS_KEY];
      expect(Object.keys(suppressions)).toEqual([READ_ONLY_ROOT_POLICY]);
      expect(suppressions[READ_ONLY_ROOT_POLICY]).toMatch(/\/etc\/shadow/);
      expect(json.resource.aws_ecs_task_definition.shiny_task_definition["//"]?.[SUPPRESSIONS_KEY]).toBeUndefined();
    });

    it("has no Shield Advanced protections", () => {
      expect(resource(workload, "aws_shield_protection", "shield_load_balancer").for_each).toEqual({});
      expect(resource(workload, "aws_shield_protection", "shield_hosted_zone").count).toBe(0);
    });
  });

  it("protects every load balancer and the hosted zone with Shield Advanced when switched on", () => {
    const { workload } = synthEnvironment(load(withHardening({ shieldAdvanced: { enabled: true } })));
    expect(resource(workload, "aws_shield_protection", "shield_load_balancer")).toMatchObject({
      for_each: { "0": {} },
      name: "rs-test-alb-${each.key}",
      resource_arn: "${aws_lb.load_balancer_alb[each.key].arn}",
    });
    expect(resource(workload, "aws_shield_protection", "shield_hosted_zone")).toMatchObject({
      count: 1,
      resource_arn: "arn:${data.aws_partition.partition.partition}:route53:::hostedzone/Z123TEST",
    });
  });

  it("forwards straight to Shiny when sign-in is off", () => {
    const { workload } = synthEnvironment(load(withHardening({ shinyAuthentication: { enabled: false } })));
    expect(resource(workload, "aws_lb_listener_rule", "shiny_listener_rule").action).toEqual([
      { type: "forward", target_group_arn: "${aws_lb_target_group.shiny_target_group[0].arn}" },
    ]);
  });

  it("gives Shiny a writable root and no scratch volumes when read-only roots are off", () => {
    const { workload } = synthEnvironment(load(withHardening({ readOnlyRootFilesystem: false })));
    const shiny = container(workload, "shiny");
    expect(shiny.readonlyRootFilesystem).toBeUndefined();
    expect(shiny.environment).toEqual([]);
    expect(resource(workload, "aws_ecs_task_definition", "shiny_task_definition").volume.map((volume: any) => volume.name)).toEqual(["shiny-apps", "data"]);
  });
});
