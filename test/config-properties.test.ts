import fc from "fast-check";
import { mkdtempSync, readdirSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, formatPath } from "../config/errors";
import { FARGATE_SIZES } from "../config/fargate";
import { CONTROL_OWNERS } from "../config/hardening";
import { loadEnvironment } from "../config/load";
import { EnvironmentInput, normalizeUserName, USER_NAME_PATTERN } from "../config/schema";
import { buildApp } from "../stacks/app";
import { mapLimit, offlineTerraformEnv, terraformUnavailable, validateStack } from "../tools/terraform";
import { minimalInput } from "./support/environment";
import { synthEnvironment } from "./support/synth";

/*
 * Properties of the environment schema: whatever it accepts synthesizes (and validates with the
 * real Terraform), and whatever it rejects is reported at the field that is wrong.
 */

const RUNS = 12;

const userName = fc.stringMatching(USER_NAME_PATTERN);
const fargateSize = fc.constantFrom(...Object.entries(FARGATE_SIZES).flatMap(([cpu, memories]) => memories.map((memory) => ({ cpu: Number(cpu), memory }))));

const vpcCidr = fc
  .record({ a: fc.integer({ min: 10, max: 10 }), b: fc.integer({ min: 0, max: 255 }), c: fc.integer({ min: 0, max: 255 }), prefix: fc.integer({ min: 16, max: 22 }) })
  .map(({ a, b, c, prefix }) => {
    const third = prefix <= 16 ? 0 : c & ~((1 << (24 - prefix)) - 1) & 255;
    return `${a}.${b}.${third}.0/${prefix}`;
  });

const environment: fc.Arbitrary<EnvironmentInput> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9]{1,15}$/),
    // Cognito refuses these words in a domain prefix, which starts with namePrefix.
    namePrefix: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((prefix) => !/aws|amazon|cognito/.test(prefix)),
    vpcCidr,
    zones: fc.subarray(["a", "b", "c", "d"], { minLength: 2 }),
    natGateways: fc.constantFrom("single" as const, "one-per-az" as const),
    interfaceEndpoints: fc.boolean(),
    users: fc.uniqueArray(fc.record({ name: userName, size: fc.option(fargateSize, { nil: undefined }) }), {
      maxLength: 5,
      selector: (user) => user.name,
    }),
    services: fc.constantFrom([true, true], [true, false], [false, true]),
    shinySize: fargateSize,
    minTasks: fc.integer({ min: 1, max: 3 }),
    extraTasks: fc.integer({ min: 0, max: 5 }),
    idle: fc.integer({ min: 60, max: 4000 }),
    hardening: fc.record({
      detector: fc.constantFrom(...CONTROL_OWNERS),
      trail: fc.constantFrom(...CONTROL_OWNERS),
      shield: fc.boolean(),
      egress: fc.boolean(),
      signIn: fc.boolean(),
      readOnly: fc.boolean(),
    }),
  })
  .map((g) => {
    const base = minimalInput();
    return {
      ...base,
      name: g.name,
      namePrefix: g.namePrefix,
      network: { vpcCidr: g.vpcCidr, availabilityZones: g.zones.map((z) => `eu-central-1${z}`), natGateways: g.natGateways, interfaceEndpoints: g.interfaceEndpoints },
      rstudio: { enabled: g.services[0], users: g.users.map((u) => ({ name: u.name, ...(u.size ?? {}) })) },
      shiny: { enabled: g.services[1], cpu: g.shinySize.cpu, memory: g.shinySize.memory, minTasks: g.minTasks, maxTasks: g.minTasks + g.extraTasks },
      loadBalancer: { idleTimeoutSeconds: g.idle },
      hardening: {
        guardDuty: { managedBy: g.hardening.detector },
        cloudTrail: { managedBy: g.hardening.trail },
        shieldAdvanced: { enabled: g.hardening.shield },
        egressFilter: { enabled: g.hardening.egress },
        shinyAuthentication: { enabled: g.hardening.signIn },
        readOnlyRootFilesystem: g.hardening.readOnly,
      },
    };
  });

/** The account's detector and trail belong to the first environment only (one creator per account). */
/** Generated environment `index` of one app: the account's controls owned once, its own names and domains. */
const sharingTheAccount = (input: EnvironmentInput, index: number): EnvironmentInput => {
  const managedBy = index === 0 ? "this-environment" : "another-environment";
  const dns = { ...input.dns, rstudioDomain: `rstudio${index}.${input.dns.zoneName}`, shinyDomain: `shiny${index}.${input.dns.zoneName}` };
  return { ...input, name: `gen${index}`, namePrefix: `gen${index}`, dns, hardening: { ...input.hardening, guardDuty: { managedBy }, cloudTrail: { managedBy } } };
};

describe("every environment the schema accepts", () => {
  it("loads and synthesizes four layers with one instance per user and per zone", () => {
    fc.assert(
      fc.property(environment, (input) => {
        const config = loadEnvironment(input);
        const { network, storage, workload } = synthEnvironment(config);
        const users = config.rstudio.users.map((user) => user.name);
        const keys = (map: object) => Object.keys(map).sort();
        expect(keys(network.resource.aws_subnet.private_subnet.for_each)).toEqual([...config.network.availabilityZones].sort());
        expect(keys(storage.resource.aws_efs_access_point.efs_home.for_each)).toEqual([...users].sort());
        expect(keys(workload.resource.aws_ecs_service.rstudio_service.for_each)).toEqual(config.rstudio.enabled ? [...users].sort() : []);
      }),
      { numRuns: RUNS },
    );
  });

  const skip = process.env.SKIP_TERRAFORM_TESTS === "1";
  (skip ? it.skip : it)(
    "validates with the real Terraform (two generated environments, all stacks)",
    async () => {
      const unavailable = terraformUnavailable();
      if (unavailable) throw new Error(`cannot run terraform: ${unavailable}`);
      const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-properties-"));
      try {
        const samples = fc
          .sample(environment, { numRuns: 2, seed: 20261203 })
          .map((input, index) => sharingTheAccount(input, index));
        const outdir = path.join(workDir, "out");
        buildApp(samples, { outdir }).synth();
        const stacks = readdirSync(path.join(outdir, "stacks")).filter((stack) => stack !== "bootstrap");
        const results = await mapLimit(stacks, 2, (stack) => validateStack(path.join(outdir, "stacks", stack), offlineTerraformEnv(workDir)));
        expect(results.filter((result) => !result.valid || result.diagnostics.length > 0)).toEqual([]);
        expect(results).toHaveLength(8);
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});

type Mutation = { path: (string | number)[]; value: fc.Arbitrary<unknown> };

const MUTATIONS: Mutation[] = [
  { path: ["accountId"], value: fc.constantFrom("123", "abcdefghijkl", 123456789012) },
  { path: ["region"], value: fc.constantFrom("Europe", "eu-west", "") },
  { path: ["namePrefix"], value: fc.constantFrom("Bad_Prefix", "x", "a-very-long-prefix", "-lead") },
  { path: ["network", "vpcCidr"], value: fc.constantFrom("10.0.0.0/33", "300.1.0.0/16", "10.0.0.1/16", "10.0.0.0/8", "10.0.0.0/24", "any") },
  { path: ["network", "natGateways"], value: fc.constantFrom("some", "", null) },
  { path: ["network", "availabilityZones"], value: fc.constantFrom([], ["eu-central-1a"]) },
  { path: ["dns", "shinyDomain"], value: fc.constantFrom("shiny.elsewhere.org", "not a domain") },
  { path: ["dns", "hostedZoneId"], value: fc.constantFrom("zone", "") },
  { path: ["access", "allowedCidrs", 0], value: fc.constantFrom("everyone", "10.0.0.0/40") },
  { path: ["rstudio", "defaultCpu"], value: fc.constantFrom(100, 3000, 1.5) },
  { path: ["shiny", "cpu"], value: fc.constantFrom(100, 3000) },
  { path: ["shiny", "minTasks"], value: fc.constantFrom(0, -1, 101) },
  { path: ["loadBalancer", "idleTimeoutSeconds"], value: fc.constantFrom(5, 59, 5000) },
  { path: ["logRetentionDays"], value: fc.constantFrom(11, 0, 4000) },
  { path: ["state", "bucket"], value: fc.constantFrom("Bad_Bucket", "b") },
];

function setAt(target: any, path: (string | number)[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] = Array.isArray(node[key]) ? [...node[key]] : { ...(node[key] ?? {}) };
    node = node[key];
  }
  node[path[path.length - 1]] = value;
}

describe("every field mutated to an invalid value", () => {
  it("is rejected with an error that names that field", () => {
    fc.assert(
      fc.property(environment, fc.constantFrom(...MUTATIONS), fc.nat(), (input, mutation, pick) => {
        const mutated = JSON.parse(JSON.stringify(input));
        setAt(mutated, mutation.path, fc.sample(mutation.value, { numRuns: 1, seed: pick })[0]);
        let problems: readonly string[] = [];
        try {
          loadEnvironment(mutated);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          problems = error.problems;
        }
        expect(problems.some((problem) => problem.startsWith(`\`${formatPath(mutation.path)}`))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("user name normalisation", () => {
  const variant = (name: string) =>
    fc.tuple(fc.boolean(), fc.boolean()).map(([upper, dots]) => {
      const spelled = dots ? name.replace(/-/g, ".") : name.replace(/-/g, "_");
      return upper ? spelled.toUpperCase() : spelled;
    });

  it("maps upper case, dots and underscores to the canonical name", () => {
    fc.assert(
      fc.property(userName.chain((name) => fc.tuple(fc.constant(name), variant(name))), ([name, spelled]) => {
        expect(normalizeUserName(spelled)).toBe(name);
      }),
      { numRuns: 200 },
    );
  });

  it("gives names with a leading digit a letter in front", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9][a-z0-9]{0,10}$/), (raw) => {
        expect(normalizeUserName(raw)).toBe(`u${raw}`);
        expect(loadEnvironment({ ...minimalInput(), rstudio: { users: [{ name: raw }] } }).rstudio.users[0].name).toBe(`u${raw}`);
      }),
      { numRuns: 50 },
    );
  });

  it("reports two spellings of one name as a duplicate of the first", () => {
    fc.assert(
      fc.property(userName.chain((name) => fc.tuple(variant(name), variant(name))), ([first, second]) => {
        let problems: readonly string[] = [];
        try {
          loadEnvironment({ ...minimalInput(), rstudio: { users: [{ name: first }, { name: second }] } });
        } catch (error) {
          problems = (error as ConfigError).problems;
        }
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^`rstudio\.users\[1\]\.name` duplicates rstudio\.users\[0\]\.name/);
      }),
      { numRuns: 100 },
    );
  });
});
