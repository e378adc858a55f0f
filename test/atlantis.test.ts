import { readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { environments } from "../environments";
import { loadEnvironments } from "../stacks/app";
import { atlantisConfig, WORKFLOW, WORKFLOWS } from "../tools/atlantis/generate";

const root = path.resolve(__dirname, "..");
const committed = parse(readFileSync(path.join(root, "atlantis.yaml"), "utf8"));
const generated = atlantisConfig(root, loadEnvironments(environments)) as any;

/** Atlantis's patterns as this generator writes them: exact paths and `folder/**`. */
function matches(pattern: string, file: string): boolean {
  return pattern.endsWith("/**") ? file.startsWith(pattern.slice(0, -2)) : pattern === file;
}

function autoplanned(file: string): string[] {
  return generated.projects
    .filter((project: any) => project.autoplan.when_modified.some((pattern: string) => matches(pattern, file)))
    .map((project: any) => project.name)
    .sort();
}

describe("atlantis.yaml", () => {
  it("is in sync with the app (run `npm run atlantis` after changing stacks or sources)", () => {
    expect(committed).toEqual(generated);
  });

  it("has one project per environment-layer stack, in layer order", () => {
    expect(generated.version).toBe(3);
    expect(generated.projects.map((project: any) => project.name)).toEqual(
      ["dev", "staging", "prod"].flatMap((env) => ["network", "security", "storage", "workload"].map((layer) => `${env}-${layer}`)),
    );
    const workload = generated.projects.find((project: any) => project.name === "prod-workload");
    expect(workload).toMatchObject({ execution_order_group: 3, depends_on: ["prod-network", "prod-security", "prod-storage"], workflow: WORKFLOW });
  });

  it("gives every project its own workspace so parallel plans never share a checkout", () => {
    const workspaces = generated.projects.map((project: any) => project.workspace);
    expect(new Set(workspaces).size).toBe(workspaces.length);
  });

  it("only uses patterns Atlantis reads the way this test does", () => {
    for (const project of generated.projects) {
      for (const pattern of project.autoplan.when_modified) expect(pattern).toMatch(/^[\w./-]+(\/\*\*)?$/);
    }
  });

  it.each([
    ["modules/workload/web-service.ts", ["dev-workload", "prod-workload", "staging-workload"]],
    ["modules/network/flow-logs.ts", ["dev-network", "prod-network", "staging-network"]],
    ["functions/password-rotation/rotation.js", ["dev-security", "prod-security", "staging-security"]],
    ["modules/storage/contract.ts", ["dev-storage", "dev-workload", "prod-storage", "prod-workload", "staging-storage", "staging-workload"]],
    ["environments/staging.ts", ["staging-network", "staging-security", "staging-storage", "staging-workload"]],
    ["README.md", []],
  ])("a change to %s autoplans %j", (file, projects) => {
    expect(autoplanned(file)).toEqual(projects);
  });

  it("autoplans everything when the wiring or the lock file changes", () => {
    expect(autoplanned("package-lock.json")).toHaveLength(12);
    expect(autoplanned("stacks/layer-stack.ts")).toHaveLength(12);
  });

  it("synthesizes with a script that exists and plans into Atlantis's plan file", () => {
    const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
    const steps = WORKFLOWS[WORKFLOW].plan.steps.map((step) => step.run);
    expect(steps).toContain("npm run --silent synth:app");
    expect(scripts["synth:app"]).toBeDefined();
    expect(steps[steps.length - 1]).toContain('-out="$PLANFILE"');
  });
});
