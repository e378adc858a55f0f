import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as path from "path";
import { EnvironmentConfig } from "../../config/load";
import { Layer, LAYERS, partitionOf } from "../../config/naming";
import { addStacks, loadEnvironments } from "../../stacks/app";
import { OutputSpecs } from "../../stacks/outputs";
import { SynthesizeOnceApp } from "../../stacks/serialized-once-stack";
import { initAndValidate, offlineTerraformEnv, terraform, TerraformResult } from "../terraform";
import { fixtureState, offlineOverride } from "./fixtures";
import { LAYER_MODULES } from "../modules/catalog";
import { runInDependencyOrder } from "./schedule";

/** Each layer's output contract, as its module publishes it. */
export const LAYER_OUTPUTS = Object.fromEntries(LAYER_MODULES.map((module) => [module.layer, module.outputs])) as Record<Layer, OutputSpecs>;

export interface PlanOptions {
  /** Environment files (unvalidated) of the whole app. */
  readonly inputs: readonly unknown[];
  /** Plan only these environments (all when empty); bootstrap is always planned. */
  readonly only?: readonly string[];
  readonly workDir: string;
  /** Stacks planned at once, where the dependency order allows. @default 2 */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export interface StackPlan {
  readonly stack: string;
  readonly ok: boolean;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly seconds: number;
  /** `terraform show -json` of the saved plan. */
  readonly planJsonPath?: string;
  /** Producer outputs that were unknown at plan time and were given example values. */
  readonly exampleOutputs?: string[];
  readonly error?: string;
}

interface StackInfo {
  readonly config?: EnvironmentConfig;
  readonly layer?: Layer;
  readonly dependencies: string[];
}

function failure(step: string, result: TerraformResult): Error {
  return new Error(`terraform ${step} failed:\n${(result.stderr || result.stdout).trim()}`);
}

/**
 * Synthesizes the app, then validates and plans every stack offline in dependency order: each
 * consumer reads its producers' outputs from fixture states written after the producers' plans.
 * A validation warning fails the stack like an error.
 */
export async function planOffline(options: PlanOptions): Promise<StackPlan[]> {
  const log = options.log ?? (() => undefined);
  const configs = loadEnvironments(options.inputs);
  const known = new Set(configs.map((config) => config.name));
  for (const name of options.only ?? []) {
    if (!known.has(name)) throw new Error(`unknown environment "${name}"; known: ${[...known].join(", ")}`);
  }
  const selected = options.only && options.only.length > 0 ? new Set(options.only) : known;

  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  const outdir = path.join(options.workDir, "cdktf.out");
  addStacks(new SynthesizeOnceApp({ outdir }), configs).synth();
  const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { dependencies: string[] }>;
  };

  const stacks = new Map<string, StackInfo>();
  for (const [stack, entry] of Object.entries(manifest.stacks)) {
    const config = configs.find((candidate) => stack.startsWith(`${candidate.name}-`));
    const layer = LAYERS.find((candidate) => config && stack === `${config.name}-${candidate}`);
    if (config && !selected.has(config.name)) continue;
    stacks.set(stack, { config, layer, dependencies: entry.dependencies });
  }

  const env = offlineTerraformEnv(options.workDir);
  let done = 0;
  const planStack = async (stack: string): Promise<StackPlan> => {
    const started = Date.now();
    const info = stacks.get(stack)!;
    const dir = path.join(options.workDir, "stacks", stack);
    mkdirSync(path.dirname(dir), { recursive: true });
    cpSync(path.join(outdir, "stacks", stack), dir, { recursive: true });
    const remoteStates = Object.fromEntries(
      info.dependencies.map((dependency) => [stacks.get(dependency)!.layer!, path.join(options.workDir, "stacks", dependency, "outputs.tfstate")]),
    );
    writeFileSync(path.join(dir, "offline_override.tf.json"), JSON.stringify(offlineOverride(remoteStates), null, 2));

    const { plan, planJsonPath, counts } = await planDirectory(dir, env);
    let exampleOutputs: string[] | undefined;
    if (info.config && info.layer) {
      const context = { config: info.config, partition: partitionOf(info.config.region) };
      const fixture = fixtureState(LAYER_OUTPUTS[info.layer], plan, context);
      writeFileSync(path.join(dir, "outputs.tfstate"), JSON.stringify(fixture.state, null, 2));
      exampleOutputs = fixture.examples;
    }
    const result = { stack, ok: true, ...counts, seconds: (Date.now() - started) / 1000, planJsonPath, exampleOutputs };
    log(`[${++done}/${stacks.size}] ${stack}: ${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy (${result.seconds.toFixed(1)} s)`);
    return result;
  };

  const dependencies = new Map([...stacks].map(([stack, info]) => [stack, info.dependencies]));
  const results = await runInDependencyOrder(dependencies, options.concurrency ?? 2, planStack, (result) => result.ok);
  return [...stacks.keys()].map((stack) => {
    const result = results.get(stack)!;
    if (!(result instanceof Error)) return result;
    log(`[${++done}/${stacks.size}] ${stack}: FAILED\n${result.message}`);
    return { stack, ok: false, add: 0, change: 0, destroy: 0, seconds: 0, error: result.message };
  });
}

export interface DirectoryPlan {
  readonly plan: any;
  readonly planJsonPath: string;
  readonly counts: { add: number; change: number; destroy: number };
}

/**
 * `terraform init` (offline mirror), `validate` (a warning fails it), `plan -out` and `show -json`
 * in a folder already made offline by an override file.
 */
export async function planDirectory(dir: string, env: NodeJS.ProcessEnv, options: { refresh?: boolean } = {}): Promise<DirectoryPlan> {
  const run = async (step: string, args: string[]) => {
    const result = await terraform(args, dir, env);
    if (result.code !== 0) throw failure(step, result);
    return result;
  };
  const validation = await initAndValidate(dir, env, { backend: true });
  if (!validation.valid || validation.diagnostics.length > 0) {
    throw new Error(`terraform init/validate reported:\n${validation.diagnostics.join("\n")}`);
  }
  // Without refresh, a state written by hand (see upgrade.ts) is taken as it is: nothing asks AWS.
  const refresh = options.refresh === false ? ["-refresh=false"] : [];
  await run("plan", ["plan", "-input=false", "-lock=false", "-no-color", ...refresh, "-out=tfplan"]);
  const show = await run("show", ["show", "-json", "tfplan"]);
  const planJsonPath = path.join(dir, "plan.json");
  writeFileSync(planJsonPath, show.stdout);
  const plan = JSON.parse(show.stdout);
  const counts = { add: 0, change: 0, destroy: 0 };
  for (const change of plan.resource_changes ?? []) {
    const actions: string[] = change.change.actions;
    if (actions.includes("create")) counts.add++;
    if (actions.includes("update")) counts.change++;
    if (actions.includes("delete")) counts.destroy++;
  }
  return { plan, planJsonPath, counts };
}

export function summaryTable(plans: readonly StackPlan[]): string {
  const rows = [["stack", "add", "change", "destroy", "seconds", "result"]];
  for (const plan of plans) {
    rows.push([plan.stack, String(plan.add), String(plan.change), String(plan.destroy), plan.seconds.toFixed(1), plan.ok ? "ok" : "FAILED"]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}
