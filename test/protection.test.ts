import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { environments } from "../environments";
import { buildApp } from "../stacks/app";
import { load, minimalInput } from "./support/environment";
import { resource, synthEnvironment, TerraformJson } from "./support/synth";

/** Resource types whose loss is data loss: they must carry prevent_destroy. */
const STATEFUL: Record<string, (name: string) => boolean> = {
  aws_efs_file_system: () => true,
  aws_efs_access_point: (name) => name === "efs_home",
  aws_s3_bucket: () => true,
  aws_kms_key: () => true,
  aws_secretsmanager_secret: () => true,
};

function unprotected(json: TerraformJson): string[] {
  return Object.entries(STATEFUL).flatMap(([type, applies]) =>
    Object.entries(json.resource?.[type] ?? {})
      .filter(([name, body]) => applies(name) && body.lifecycle?.prevent_destroy !== true)
      .map(([name]) => `${type}.${name}`),
  );
}

describe("protection of stateful resources", () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), "rstudio-protection-"));
  buildApp(environments, { outdir }).synth();
  const read = (stack: string): TerraformJson => JSON.parse(readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(["staging", "prod"].flatMap((env) => ["network", "security", "storage"].map((layer) => `${env}-${layer}`)).concat("bootstrap"))(
    "%s protects every stateful resource with prevent_destroy",
    (stack) => {
      const json = read(stack);
      expect(Object.keys(STATEFUL).some((type) => json.resource?.[type])).toBe(true);
      expect(unprotected(json)).toEqual([]);
    },
  );

  it("protects prod's load balancer from deletion", () => {
    expect(read("prod-workload").resource.aws_lb.load_balancer_alb.enable_deletion_protection).toBe(true);
  });
});

describe("removing a data scientist", () => {
  const input = () => {
    const base = minimalInput();
    return { ...base, rstudio: { users: [{ name: "ada" }], retainedUsers: ["bob"] } };
  };

  it("removes the service, target group, rule and DNS record but keeps the home and the password", () => {
    const { security, storage, workload } = synthEnvironment(load(input()));
    for (const [type, name] of [
      ["aws_ecs_service", "rstudio_service"],
      ["aws_lb_target_group", "rstudio_target_group"],
      ["aws_lb_listener_rule", "rstudio_listener_rule"],
      ["aws_route53_record", "rstudio_dns_record"],
    ]) {
      expect(Object.keys(resource(workload, type, name).for_each)).toEqual(["ada"]);
    }
    expect(Object.keys(resource(storage, "aws_efs_access_point", "efs_home").for_each)).toEqual(["ada", "bob"]);
    expect(Object.keys(resource(security, "aws_secretsmanager_secret", "passwords_secret").for_each)).toEqual(["ada", "bob"]);
    expect(resource(storage, "aws_efs_access_point", "efs_home").lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(security, "aws_secretsmanager_secret", "passwords_secret").lifecycle).toEqual({ prevent_destroy: true });
  });

  it("keeps every user's home and password while RStudio is switched off", () => {
    const config = input();
    const { storage, workload } = synthEnvironment(load({ ...config, rstudio: { ...config.rstudio, enabled: false } }));
    expect(Object.keys(resource(storage, "aws_efs_access_point", "efs_home").for_each)).toEqual(["ada", "bob"]);
    expect(resource(workload, "aws_ecs_service", "rstudio_service").for_each).toEqual({});
  });

  it("lifts protection of homes and passwords only while a purge is listed", () => {
    const config = input();
    const { security, storage } = synthEnvironment(load({ ...config, rstudio: { users: [{ name: "ada" }], purgeUsers: ["bob"] } }));
    expect(Object.keys(resource(storage, "aws_efs_access_point", "efs_home").for_each)).toEqual(["ada"]);
    expect(resource(storage, "aws_efs_access_point", "efs_home").lifecycle).toEqual({ prevent_destroy: false });
    expect(resource(security, "aws_secretsmanager_secret", "passwords_secret").lifecycle).toEqual({ prevent_destroy: false });
    expect(resource(storage, "aws_efs_file_system", "efs_file_system").lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe("purging a former user", () => {
  it("warns in the synthesized manifest of the security and storage stacks", () => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), "rstudio-purge-"));
    try {
      const input = { ...minimalInput(), rstudio: { users: [{ name: "ada" }], purgeUsers: ["bob"] } };
      buildApp([input], { outdir }).synth();
      const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8"));
      for (const stack of ["test-security", "test-storage"]) {
        expect(manifest.stacks[stack].annotations).toEqual([
          expect.objectContaining({
            level: "@cdktf/warn",
            message: expect.stringContaining('rstudio.purgeUsers (bob) lifts prevent_destroy from every home and password of environment "test"'),
          }),
        ]);
      }
      expect(manifest.stacks["test-workload"].annotations).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
