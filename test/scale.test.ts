import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { devWithUsers, generatedUserNames } from "../tools/scaled-environment";
import { buildApp } from "../stacks/app";
import { assignLoadBalancers, usersPerLoadBalancer } from "../modules/workload/load-balancer-assignment";
import { offlineTerraformEnv, terraformUnavailable, validateStack } from "../tools/terraform";
import { load, minimalInput } from "./support/environment";
import { resource, synthEnvironment } from "./support/synth";

const names = generatedUserNames;

describe("spreading users over load balancers", () => {
  it("fits 99 users on a load balancer with AWS's default quotas (one rule and target group stay for Shiny)", () => {
    expect(usersPerLoadBalancer(100, 100)).toBe(99);
    expect(usersPerLoadBalancer(200, 100)).toBe(99);
  });

  it("never moves the first users when more are added", () => {
    const before = assignLoadBalancers(names(1000), 99);
    const after = assignLoadBalancers(names(1001), 99);
    for (const [user, loadBalancer] of before) expect(after.get(user)).toBe(loadBalancer);
    expect(after.get("user1000")).toBe("10");
  });

  it("creates as many load balancers as the users need, each with its listeners and WAF", () => {
    const input = { ...minimalInput(), rstudio: { users: names(250).map((name) => ({ name })) } };
    const { workload } = synthEnvironment(load(input));
    for (const [type, name] of [
      ["aws_lb", "load_balancer_alb"],
      ["aws_lb_listener", "load_balancer_https"],
      ["aws_lb_listener", "load_balancer_http"],
      ["aws_wafv2_web_acl_association", "load_balancer_waf_association"],
    ]) {
      expect(Object.keys(resource(workload, type, name).for_each)).toEqual(["0", "1", "2"]);
    }
    const users = resource(workload, "aws_ecs_service", "rstudio_service").for_each;
    expect([users.user0000.load_balancer, users.user0098.load_balancer, users.user0099.load_balancer, users.user0249.load_balancer]).toEqual(["0", "0", "1", "2"]);
    expect(resource(workload, "aws_lb_listener_rule", "rstudio_listener_rule").listener_arn).toBe(
      "${aws_lb_listener.load_balancer_https[each.value.load_balancer].arn}",
    );
  });

  it("moves the formerly single load balancer to key \"0\" instead of replacing it", () => {
    const { workload } = synthEnvironment(load(minimalInput()));
    expect((workload as any).moved).toEqual(
      expect.arrayContaining([{ from: "aws_lb.load_balancer_alb", to: 'aws_lb.load_balancer_alb["0"]' }]),
    );
  });

  it("keeps every security group within AWS's default 60 inbound and 60 outbound rules", () => {
    const input = { ...minimalInput(), access: { allowedCidrs: Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/16`) } };
    const { security } = synthEnvironment(load(input));
    const perGroup = new Map<string, number>();
    for (const type of ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      for (const rule of Object.values<any>(security.resource[type] ?? {})) {
        const instances = rule.for_each ? JSON.parse(rule.for_each.replace(/^\$\{toset\((.*)\)\}$/, "$1")).length : 1;
        const key = `${type}:${rule.security_group_id}`;
        perGroup.set(key, (perGroup.get(key) ?? 0) + instances);
      }
    }
    expect(Math.max(...perGroup.values())).toBe(60);
    expect(() => load({ ...input, access: { allowedCidrs: [...input.access.allowedCidrs, "192.0.2.0/24"] } })).toThrow(
      "`access.allowedCidrs` must list at most 30 item(s)",
    );
  });

  const skip = process.env.SKIP_TERRAFORM_TESTS === "1";
  (skip ? it.skip : it)(
    "validates an environment of 1000 data scientists with Terraform",
    async () => {
      const unavailable = terraformUnavailable();
      if (unavailable) throw new Error(`cannot run terraform: ${unavailable}`);
      const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-scale-"));
      try {
        buildApp([devWithUsers(1000)], { outdir: path.join(workDir, "out") }).synth();
        const env = offlineTerraformEnv(workDir);
        for (const stack of ["dev-security", "dev-storage", "dev-workload"]) {
          const result = await validateStack(path.join(workDir, "out", "stacks", stack), env);
          expect({ stack, valid: result.valid, diagnostics: result.diagnostics }).toEqual({ stack, valid: true, diagnostics: [] });
        }
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
