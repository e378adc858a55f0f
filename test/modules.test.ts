import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformVariable } from "cdktf";
import { listFiles, ModuleFiles, synthesizeModules } from "../tools/modules/build";
import { LAYER_MODULES, MODULES_DIR, PROVIDER_RANGE } from "../tools/modules/catalog";
import { planExample } from "../tools/plan/examples";
import { offlineOverride } from "../tools/plan/fixtures";
import { planDirectory } from "../tools/plan/harness";
import { offlineTerraformEnv, terraformUnavailable } from "../tools/terraform";
import { moduleVariable } from "../stacks/module-stack";
import { ReadableStack } from "../stacks/readable-stack";

const root = path.resolve(__dirname, "..");

/** A placeholder for every variable of a committed module that has no default, by its type. */
function requiredInputs(layer: string): Record<string, unknown> {
  const variables = JSON.parse(readFileSync(path.join(root, MODULES_DIR, layer, "main.tf.json"), "utf8")).variable as Record<string, { type: string; default?: unknown }>;
  const placeholder = (type: string) => (type.startsWith("list") ? ["placeholder"] : type.startsWith("map") ? {} : "placeholder");
  return Object.fromEntries(Object.entries(variables).filter(([, spec]) => spec.default === undefined).map(([name, spec]) => [name, placeholder(spec.type)]));
}
const committedJson = (layer: string) => JSON.parse(readFileSync(path.join(root, MODULES_DIR, layer, "main.tf.json"), "utf8"));

describe("terraform-modules/", () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-modules-test-"));
  let modules: ModuleFiles[] = [];
  beforeAll(() => {
    modules = synthesizeModules(workDir);
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("is in sync with the layers (run `npm run build:modules` after changing a layer)", () => {
    for (const module of modules) {
      for (const [file, content] of Object.entries(module.files)) {
        expect({ file: `${module.layer}/${file}`, content: readFileSync(path.join(root, MODULES_DIR, module.layer, file), "utf8") }).toEqual({
          file: `${module.layer}/${file}`,
          content,
        });
      }
      expect(listFiles(path.join(root, MODULES_DIR, module.layer, "assets"))).toEqual(listFiles(module.assetsDir ?? ""));
    }
  });

  it.each(LAYER_MODULES.map((module) => module.layer))("%s has no provider or backend and a provider range, not a pin", (layer) => {
    const json = committedJson(layer);
    expect(json.provider).toBeUndefined();
    expect(json.terraform.backend).toBeUndefined();
    expect(json.terraform.required_providers).toEqual({ aws: { source: "hashicorp/aws", version: PROVIDER_RANGE } });
    expect(json.terraform.required_version).toBe(">= 1.11.0");
  });

  it.each(LAYER_MODULES.map((module) => module.layer))("%s documents every variable and output, with readable names", (layer) => {
    const json = committedJson(layer);
    for (const [name, variable] of Object.entries<any>(json.variable)) {
      expect({ name, type: typeof variable.type, description: typeof variable.description }).toEqual({ name, type: "string", description: "string" });
      expect(variable.nullable).toBe(false);
    }
    for (const [name, output] of Object.entries<any>(json.output)) expect({ name, description: typeof output.description }).toEqual({ name, description: "string" });
    for (const byName of Object.values<Record<string, unknown>>(json.resource)) {
      for (const name of Object.keys(byName)) expect(name).not.toMatch(/_[0-9A-F]{8}$/);
    }
    expect(JSON.stringify(json)).not.toContain('"//"');
  });

  it("publishes each layer's contract as its outputs", () => {
    for (const module of LAYER_MODULES) {
      expect(Object.keys(committedJson(module.layer).output).sort()).toEqual(Object.values(module.outputs).map((o) => o.name).sort());
    }
  });

  it("keeps map defaults' keys exactly as written (cdktf alone would snake_case them)", () => {
    const stack = new ReadableStack(Testing.app(), "defaults");
    const spec = { type: "map(string)", description: "Tags.", default: { CostCenter: "x", "kebab-key": "y" } };
    moduleVariable(stack, "tags", spec);
    new TerraformVariable(stack, "plain", { type: "map(string)", default: spec.default });
    const variables = JSON.parse(Testing.synth(stack)).variable;
    expect(variables.tags.default).toEqual({ CostCenter: "x", "kebab-key": "y" });
    expect(variables.plain.default).toEqual({ cost_center: "x", kebab_key: "y" });
  });
});

const skip = process.env.SKIP_TERRAFORM_TESTS === "1";

(skip ? describe.skip : describe)("examples/ (offline terraform init, validate and plan)", () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-examples-"));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  beforeAll(() => {
    const unavailable = terraformUnavailable();
    if (unavailable) throw new Error(`cannot run terraform: ${unavailable}. Set SKIP_TERRAFORM_TESTS=1 to skip these tests on purpose.`);
  });

  it("plans the whole platform from four module calls wired together", async () => {
    const { plan } = await planExample(root, "complete", path.join(workDir, "complete"));
    const created = plan.resource_changes.filter((c: any) => c.change.actions.includes("create")).map((c: any) => c.address);
    for (const layer of ["network", "security", "storage", "workload"]) {
      expect(created.some((address: string) => address.startsWith(`module.${layer}.`))).toBe(true);
    }
    expect(created).toContain('module.workload.aws_ecs_service.rstudio_service["grace"]');
    expect(created).toContain('module.security.aws_secretsmanager_secret.passwords_secret["ada"]');
    expect(created).toContain("module.workload.aws_ecs_service.shiny_service[0]");
    const grace = plan.resource_changes.find((c: any) => c.address === 'module.workload.aws_ecs_task_definition.rstudio_task_definition["grace"]');
    expect(grace.change.after).toMatchObject({ cpu: "2048", memory: "8192" });
    expect(plan.resource_changes.filter((c: any) => c.type === "aws_nat_gateway")).toHaveLength(1);
    expect(created).toContain('module.workload.aws_appautoscaling_scheduled_action.rstudio_schedule_stop["ada"]');
    const shiny = plan.resource_changes.find((c: any) => c.address === "module.workload.aws_ecs_service.shiny_service[0]");
    expect(shiny.change.after.capacity_provider_strategy).toEqual(
      expect.arrayContaining([expect.objectContaining({ capacity_provider: "FARGATE_SPOT", weight: 1 })]),
    );
    // The data path from module variables: an SFTP user, both sync tasks, Athena, the backup plan.
    expect(created).toEqual(
      expect.arrayContaining([
        "module.storage.aws_transfer_server.sftp_server[0]",
        'module.storage.aws_transfer_user.sftp_user["partner"]',
        "module.storage.aws_datasync_task.datasync_on_upload",
        "module.storage.aws_athena_workgroup.athena_workgroup",
        "module.storage.aws_backup_selection.backup_file_system",
        'module.security.aws_vpc_security_group_ingress_rule.security_groups_sftp_from_clients["198.51.100.0/24"]',
      ]),
    );
    const workgroup = plan.resource_changes.find((c: any) => c.address === "module.storage.aws_athena_workgroup.athena_workgroup");
    expect(workgroup.change.after).toMatchObject({ name: "analytics-analytics" });
    expect(workgroup.change.after.configuration[0].bytes_scanned_cutoff_per_query).toBe(100 * 1024 ** 3);
  }, 300_000);

  it("refuses two users whose listener priorities collide, before anything is created", async () => {
    // "bd" and "ht" derive the same priority from their names; the module must say so at plan time.
    const users = { locals: { users: { bd: {}, ht: {} } } };
    const error = await planExample(root, "complete", path.join(workDir, "collision"), { "users_override.tf.json": JSON.stringify(users) }).then(
      () => undefined,
      (failure: Error) => failure.message,
    );
    expect(error).toContain("Two RStudio users have the same listener_priority; give one of them another.");
  }, 300_000);

  it("rejects a bad variable with the module's own message", async () => {
    const dir = path.join(workDir, "invalid", "examples", "invalid");
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(root, MODULES_DIR), path.join(workDir, "invalid", MODULES_DIR), { recursive: true });
    writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({
        provider: { aws: { region: "eu-west-1" } },
        module: {
          network: {
            source: "../../terraform-modules/network",
            name: "Bad Name",
            account_id: "123456789012",
            vpc_cidr: "10.0.0.0/8",
            zones: { "eu-west-1a": { public_subnet_cidr: "10.0.128.0/20", private_subnet_cidr: "10.0.0.0/19" } },
          },
        },
      }),
    );
    writeFileSync(path.join(dir, "offline_override.tf.json"), JSON.stringify(offlineOverride({})));
    const error = await planDirectory(dir, offlineTerraformEnv(path.join(workDir, "invalid"))).then(
      () => undefined,
      (failure: Error) => failure.message,
    );
    expect(error).toContain("The name must be 2-12 lower-case letters, digits and hyphens, starting with a letter.");
    expect(error).toContain("The vpc_cidr must be an IPv4 CIDR with a prefix length from /16 to /22.");
    expect(error).toContain("At least two availability zones are required.");
  }, 300_000);

  it("refuses more users on one load balancer than max_users_per_load_balancer, at plan", async () => {
    const dir = path.join(workDir, "crowded", "examples", "crowded");
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(root, MODULES_DIR), path.join(workDir, "crowded", MODULES_DIR), { recursive: true });
    const workload = (users: object) => ({ source: "../../terraform-modules/workload", ...requiredInputs("workload"), name: "analytics", max_users_per_load_balancer: 2, users });
    writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({
        provider: { aws: { region: "eu-west-1" } },
        module: { crowded: workload({ ada: {}, grace: {}, hedy: {} }), spread: workload({ ada: {}, grace: {}, hedy: { load_balancer: "1" } }) },
      }),
    );
    writeFileSync(path.join(dir, "offline_override.tf.json"), JSON.stringify(offlineOverride({})));
    const error = await planDirectory(dir, offlineTerraformEnv(path.join(workDir, "crowded"))).then(
      () => "",
      (failure: Error) => failure.message,
    );
    const refused = error.split("\n").filter((line) => line.includes("A load balancer serves at most max_users_per_load_balancer users"));
    expect(refused).toHaveLength(1);
    expect(error).toMatch(/in module\.crowded/);
    expect(error).not.toMatch(/Invalid value for variable[^]*in module\.spread/);
  }, 300_000);

  it("plans a module called with for_each", async () => {
    const { plan } = await planExample(root, "for-each", path.join(workDir, "for-each"));
    const vpcs = plan.resource_changes.filter((c: any) => c.type === "aws_vpc").map((c: any) => c.address).sort();
    expect(vpcs).toEqual(['module.network["finance"].aws_vpc.vpc', 'module.network["genomics"].aws_vpc.vpc']);
    expect(plan.resource_changes.filter((c: any) => c.type === "aws_vpc_endpoint")).toHaveLength(2);
  }, 300_000);
});
