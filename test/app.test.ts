import { mkdtempSync, existsSync, readdirSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { environments } from "../environments";
import { buildApp, loadEnvironments } from "../stacks/app";
import { ConfigError } from "../config/errors";
import { minimalInput } from "./support/environment";
import { parseTemplateJson, TerraformJson } from "./support/synth";

const LAYERS = ["network", "security", "storage", "workload"];

function synthTo(inputs: readonly unknown[]): string {
  const outdir = mkdtempSync(path.join(os.tmpdir(), "rstudio-synth-"));
  buildApp(inputs, { outdir }).synth();
  return outdir;
}

function readStack(outdir: string, stack: string): TerraformJson {
  return JSON.parse(readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
}

describe("the app", () => {
  const outdir = synthTo(environments);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("synthesizes four layer stacks per environment plus bootstrap", () => {
    const expected = ["bootstrap", ...["dev", "staging", "prod"].flatMap((env) => LAYERS.map((layer) => `${env}-${layer}`))];
    expect(readdirSync(path.join(outdir, "stacks")).sort()).toEqual(expected.sort());
  });

  it.each(["dev", "staging", "prod"].flatMap((env) => LAYERS.map((layer) => [env, layer])))(
    "keeps %s-%s state in S3 under its own key, encrypted, with native locking",
    (env, layer) => {
      const json = readStack(outdir, `${env}-${layer}`);
      expect(json.terraform.backend.s3).toMatchObject({
        bucket: "acme-rstudio-shiny-tfstate",
        key: `rstudio-shiny/${env}/${layer}.tfstate`,
        encrypt: true,
        // With a key, the backend writes SSE-KMS with the bootstrap's key instead of SSE-S3.
        kms_key_id: "arn:aws:kms:eu-west-1:111111111111:alias/acme-rstudio-shiny-tfstate",
        use_lockfile: true,
      });
      expect(json.terraform.backend.s3.dynamodb_table).toBeUndefined();
      expect(json.terraform.required_version).toBe(">= 1.11.0");
    },
  );

  it("pins each layer's provider to its environment's account and region, with default tags", () => {
    const json = readStack(outdir, "prod-storage");
    expect(json.provider?.aws[0]).toMatchObject({
      region: "eu-west-1",
      allowed_account_ids: ["222222222222"],
      default_tags: [{ tags: { Environment: "prod", Layer: "storage", ManagedBy: "cdktf/rstudio-shiny-fargate" } }],
    });
  });

  it("reads lower layers only from their remote state, with the state role where one is set", () => {
    const json = readStack(outdir, "prod-workload");
    const remoteStates = json.data?.terraform_remote_state ?? {};
    expect(Object.keys(remoteStates).sort()).toEqual(["network", "security", "storage"]);
    expect(remoteStates.storage.config).toEqual({
      bucket: "acme-rstudio-shiny-tfstate",
      key: "rstudio-shiny/prod/storage.tfstate",
      region: "eu-west-1",
      assume_role: { role_arn: "arn:aws:iam::111111111111:role/terraform-state-prod" },
    });
  });

  it("records the layer order for `cdktf deploy` in the manifest", () => {
    const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks["prod-workload"].dependencies.sort()).toEqual(["prod-network", "prod-security", "prod-storage"]);
    expect(manifest.stacks["prod-security"].dependencies).toEqual(["prod-network"]);
    expect(manifest.stacks["dev-network"].dependencies).toEqual([]);
  });

  it("protects the state bucket and its key from destruction", () => {
    const json = readStack(outdir, "bootstrap");
    expect(json.terraform.backend.local).toEqual({ path: "terraform.bootstrap.tfstate" });
    expect(json.resource.aws_s3_bucket.state_bucket).toMatchObject({ bucket: "acme-rstudio-shiny-tfstate", lifecycle: { prevent_destroy: true } });
    expect(json.resource.aws_kms_key.state_kms_key.lifecycle).toEqual({ prevent_destroy: true });
    expect(json.resource.aws_s3_bucket_versioning.state_versioning.versioning_configuration.status).toBe("Enabled");
    expect(json.resource.aws_kms_alias.state_kms_alias.name).toBe("alias/acme-rstudio-shiny-tfstate");
  });

  it("puts no secret value in any stack: no secret versions, no secret-like container variables", () => {
    for (const stack of readdirSync(path.join(outdir, "stacks"))) {
      const json = readStack(outdir, stack);
      expect(json.resource?.aws_secretsmanager_secret_version).toBeUndefined();
      for (const output of Object.values(json.output ?? {})) expect(output.sensitive).toBeUndefined();
      for (const taskDefinition of Object.values(json.resource?.aws_ecs_task_definition ?? {})) {
        for (const container of parseTemplateJson(taskDefinition.container_definitions)) {
          for (const variable of container.environment) {
            expect(variable.name).not.toMatch(/PASSWORD|SECRET|TOKEN|KEY/i);
          }
        }
      }
    }
  });

  it("uses readable Terraform names without hash suffixes", () => {
    for (const stack of readdirSync(path.join(outdir, "stacks"))) {
      const json = readStack(outdir, stack);
      for (const byName of Object.values(json.resource ?? {})) {
        for (const name of Object.keys(byName)) expect(name).not.toMatch(/_[0-9A-F]{8}$/);
      }
    }
  });
});

describe("synthesis cost", () => {
  it("starts no child process (cdktf's Terraform version validations run `terraform version` once per instance)", () => {
    // The module object itself (an `import *` namespace is read-only): cdktf requires the same one.
    const childProcess = require("child_process");
    const calls = (["execSync", "execFileSync", "spawnSync"] as const).map((name) => jest.spyOn(childProcess, name));
    try {
      rmSync(synthTo(environments), { recursive: true, force: true });
      expect(calls.map((spy) => spy.mock.calls.map((call) => String(call[0])))).toEqual([[], [], []]);
    } finally {
      calls.forEach((spy) => spy.mockRestore());
    }
  });
});

describe("bad input", () => {
  it("fails before writing any Terraform, naming the environment, the field and the value", () => {
    const outdir = path.join(mkdtempSync(path.join(os.tmpdir(), "rstudio-synth-bad-")), "cdktf.out");
    const bad = minimalInput();
    bad.rstudio = { users: [{ name: "ada" }, { name: "ada" }] };
    try {
      expect(() => buildApp([...environments, bad], { outdir })).toThrow(
        'environment "test" is invalid:\n  - `rstudio.users[1].name` duplicates rstudio.users[0].name, got: "ada"',
      );
      expect(existsSync(outdir)).toBe(false);
    } finally {
      rmSync(path.dirname(outdir), { recursive: true, force: true });
    }
  });

  it("refuses two environments with one name", () => {
    expect(() => buildApp([environments[0], environments[0]], { outdir: os.tmpdir() })).toThrow(
      new ConfigError("dev", ['`name` is used by environment "dev", got: "dev"']),
    );
  });

  it.each([
    [{ name: "copy" }, '`namePrefix` is used by environment "dev" in account 111111111111, got: "rstudio-dev"'],
    [{ name: "copy", namePrefix: "rs-copy" }, '`dns.rstudioDomain` is used by environment "dev", got: "rstudio.dev.analytics.example.com"'],
  ])("refuses a copied environment that would name the same resources or records: %j", (changes, problem) => {
    const copy = { ...environments[0], ...changes };
    expect(() => loadEnvironments([environments[0], copy])).toThrow(`environment "copy" is invalid:\n  - ${problem}`);
  });

  it("refuses environments that disagree on the state bucket", () => {
    const other = { ...minimalInput(), name: "other" };
    expect(() => buildApp([environments[0], other], { outdir: os.tmpdir() })).toThrow(
      'environment "other" is invalid:\n  - `state.bucket` must match environment "dev" (one state bucket for all), got: "test-state-bucket"',
    );
  });
});
