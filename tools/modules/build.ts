import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { REQUIRED_TERRAFORM } from "../../stacks/layer-stack";
import { ModuleStack } from "../../stacks/module-stack";
import { LAYER_MODULES, MODULES_DIR, PROVIDER_RANGE } from "./catalog";
import { moduleReadme, registerProducers } from "./readme";

/** One module's files: text files by relative path, and the synthesized assets folder. */
export interface ModuleFiles {
  readonly layer: string;
  readonly files: Record<string, string>;
  readonly assetsDir?: string;
}

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "//").map(([key, inner]) => [key, withoutComments(inner)]));
}

/** A synthesized module stack made a clean module: no provider, no backend, a provider range. */
export function cleanModuleJson(json: Record<string, any>): Record<string, any> {
  const clean = withoutComments(json) as Record<string, any>;
  delete clean.provider;
  const terraform = { ...(clean.terraform ?? {}) };
  delete terraform.backend;
  terraform.required_version = REQUIRED_TERRAFORM;
  terraform.required_providers = { aws: { source: "hashicorp/aws", version: PROVIDER_RANGE } };
  return { terraform, ...Object.fromEntries(Object.entries(clean).filter(([key]) => key !== "terraform")) };
}

/** Synthesizes every layer module into `workDir` and returns their files. */
export function synthesizeModules(workDir: string): ModuleFiles[] {
  registerProducers(LAYER_MODULES);
  const outdir = path.join(workDir, "cdktf.out");
  mkdirSync(workDir, { recursive: true });
  const app = new App({ outdir });
  for (const module of LAYER_MODULES) new ModuleStack(app, module);
  app.synth();
  return LAYER_MODULES.map((module) => {
    const stackDir = path.join(outdir, "stacks", module.layer);
    const json = cleanModuleJson(JSON.parse(readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")));
    const assetsDir = path.join(stackDir, "assets");
    return {
      layer: module.layer,
      files: { "main.tf.json": `${JSON.stringify(json, null, 2)}\n`, "README.md": moduleReadme(module) },
      assetsDir: existsSync(assetsDir) ? assetsDir : undefined,
    };
  });
}

/** Relative paths of every file under `dir`. */
export function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/**
 * Writes the modules to `<root>/terraform-modules/<layer>/`. Asset folders are named by the hash
 * of their source, so an existing one is kept as it is (no churn from zip timestamps).
 */
export function writeModules(root: string): string[] {
  const workDir = path.join(os.tmpdir(), `rstudio-modules-${process.pid}`);
  try {
    const modules = synthesizeModules(workDir);
    for (const module of modules) {
      const target = path.join(root, MODULES_DIR, module.layer);
      mkdirSync(target, { recursive: true });
      for (const [file, content] of Object.entries(module.files)) writeFileSync(path.join(target, file), content);
      const wanted = new Set(listFiles(module.assetsDir ?? "", "assets/"));
      for (const file of listFiles(path.join(target, "assets"), "assets/")) {
        if (!wanted.has(file)) rmSync(path.dirname(path.join(target, file)), { recursive: true, force: true });
      }
      for (const file of wanted) {
        const destination = path.join(target, file);
        if (!existsSync(destination)) {
          mkdirSync(path.dirname(destination), { recursive: true });
          cpSync(path.join(module.assetsDir!, file.slice("assets/".length)), destination);
        }
      }
    }
    return modules.map((module) => module.layer);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
