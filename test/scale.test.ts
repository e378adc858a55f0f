import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { devWithUsers, generatedUserNames } from "../tools/scaled-environment";
import { buildApp } from "../stacks/app";
import * as fc from "fast-check";
import { assignLoadBalancers, UserPlacement } from "../config/load-balancer-assignment";
import { usersPerLoadBalancer } from "../config/limits";
import { offlineTerraformEnv, terraformUnavailable, validateStack } from "../tools/terraform";
import { load, minimalInput } from "./support/environment";
import { resource, synthEnvironment } from "./support/synth";

const names = generatedUserNames;

describe("spreading users over load balancers", () => {
  it("fits 99 users on a load balancer with AWS's default quotas (one rule and target group stay for Shiny)", () => {
    expect(usersPerLoadBalancer(100, 100)).toBe(99);
    expect(usersPerLoadBalancer(200, 100)).toBe(99);
  });

  const placements = (list: string[]) => list.map((name) => ({ name }));
  const assign = (users: readonly UserPlacement[], capacity: number) => assignLoadBalancers(users, capacity).loadBalancers;

  it("never moves the first users when more are added", () => {
    const before = assign(placements(names(1000)), 99);
    const after = assign(placements(names(1001)), 99);
    for (const [user, loadBalancer] of before) expect(after.get(user)).toBe(loadBalancer);
    expect(after.get("user1000")).toBe("10");
  });

  it("moves the first user of each later load balancer when someone is removed, and nobody once those are pinned", () => {
    const before = assign(placements(names(300)), 99);
    const withoutUser5 = names(300).filter((name) => name !== "user0005");
    const moved = assign(placements(withoutUser5), 99);
    const firstOfLaterOnes = ["user0099", "user0198", "user0297"];
    expect(withoutUser5.filter((user) => moved.get(user) !== before.get(user))).toEqual(firstOfLaterOnes);

    const pinned = withoutUser5.map((name) => (firstOfLaterOnes.includes(name) ? { name, loadBalancer: Number(before.get(name)) } : { name }));
    const after = assign(pinned, 99);
    expect(withoutUser5.filter((user) => after.get(user) !== before.get(user))).toEqual([]);
    expect(assign([...pinned, { name: "newcomer" }], 99).get("newcomer")).toBe("3");
  });

  it("keeps pinned users where they are pinned; the others follow the user before them while there is room", () => {
    const users = [{ name: "a" }, { name: "b", loadBalancer: 2 }, { name: "c" }, { name: "d", loadBalancer: 0 }, { name: "e" }, { name: "f" }];
    expect(Object.fromEntries(assign(users, 2))).toEqual({ a: "0", b: "2", c: "2", d: "0", e: "3", f: "3" });
  });

  // Random environments: users, some pinned where they already are, and a load balancer size.
  const environmentsWithPins = fc
    .record({ size: fc.integer({ min: 1, max: 60 }), capacity: fc.integer({ min: 1, max: 5 }), pins: fc.array(fc.boolean(), { maxLength: 60 }) })
    .map(({ size, capacity, pins }) => {
      const plain = Array.from({ length: size }, (_, i) => ({ name: `u${i}` }));
      const placed = assign(plain, capacity);
      const users: UserPlacement[] = plain.map((user, i) => (pins[i] ? { ...user, loadBalancer: Number(placed.get(user.name)) } : user));
      return { users, capacity };
    });

  it("moves nobody when a user is appended, pinned or not (property)", () => {
    fc.assert(
      fc.property(environmentsWithPins, fc.option(fc.integer({ min: 0, max: 20 })), ({ users, capacity }, pin) => {
        const before = assign(users, capacity);
        const newcomer: UserPlacement = pin === null ? { name: "new" } : { name: "new", loadBalancer: pin };
        const { loadBalancers: after, fullPins } = assignLoadBalancers([...users, newcomer], capacity);
        for (const [user, loadBalancer] of before) expect(after.get(user)).toBe(loadBalancer);
        if (fullPins.length > 0) expect(fullPins).toEqual([{ index: users.length, loadBalancer: pin }]);
      }),
    );
  });

  it("moves nobody when a user is removed after the README's pins (property)", () => {
    fc.assert(
      fc.property(environmentsWithPins, fc.nat(), ({ users, capacity }, pick) => {
        const removed = pick % users.length;
        const before = assign(users, capacity);
        const at = (index: number) => Number(before.get(users[index].name));
        // Pin the first user of every later load balancer and, for a pinned user, the next one on theirs.
        const toPin = new Set<number>();
        const seen = new Set<number>();
        users.forEach((_, i) => {
          if (i > removed && at(i) > at(removed) && !seen.has(at(i))) toPin.add(i);
          if (i > removed) seen.add(at(i));
        });
        if (users[removed].loadBalancer !== undefined) {
          const next = users.findIndex((_, i) => i > removed && at(i) === at(removed));
          if (next >= 0) toPin.add(next);
        }
        const pinned = users.map((user, i) => (toPin.has(i) ? { ...user, loadBalancer: at(i) } : user));
        expect(assignLoadBalancers(pinned, capacity).fullPins).toEqual([]);
        const { loadBalancers: after, fullPins } = assignLoadBalancers(pinned.filter((_, i) => i !== removed), capacity);
        expect(fullPins).toEqual([]);
        for (const [user, loadBalancer] of after) expect(loadBalancer).toBe(before.get(user));
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses a pin onto a load balancer the users listed before already fill, naming the user's field", () => {
    const users = [...names(2).map((name) => ({ name })), { name: "late", loadBalancer: 0 }, { name: "free" }];
    const input = { ...minimalInput(), loadBalancer: { maxRulesPerListener: 3 }, rstudio: { users } };
    expect(() => load(input)).toThrow(
      "`rstudio.users[2].loadBalancer` pins late to load balancer 0, which the users listed before already fill (2 each: loadBalancer.maxRulesPerListener and maxTargetGroupsPerLoadBalancer, less Shiny's rule), got: 0",
    );
    expect(() => load({ ...input, rstudio: { users: [users[2], users[0], users[1]] } })).not.toThrow();
  });

  it("puts a pinned user's service behind the load balancer it is pinned to", () => {
    const input = { ...minimalInput(), rstudio: { users: [{ name: "alice" }, { name: "bob", loadBalancer: 2 }] } };
    const { workload } = synthEnvironment(load(input));
    const users = resource(workload, "aws_ecs_service", "rstudio_service").for_each;
    expect([users.alice.load_balancer, users.bob.load_balancer]).toEqual(["0", "2"]);
    expect(Object.keys(resource(workload, "aws_lb", "load_balancer_alb").for_each)).toEqual(["0", "2"]);
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
