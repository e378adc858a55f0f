import { execFile } from "child_process";
import { existsSync, mkdirSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";

/*
 * Runs the real Terraform against the offline provider mirror. Used by the test suite and the
 * scripts; nothing here downloads anything.
 */

/** Where the hashicorp/aws provider mirror lives; override with TF_PROVIDER_MIRROR. */
export const DEFAULT_PROVIDER_MIRROR = "/opt/tf-plugins";
export const PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws";
export const PROVIDER_VERSION = "5.100.0";

export function providerMirror(): string {
  return process.env.TF_PROVIDER_MIRROR || DEFAULT_PROVIDER_MIRROR;
}

/** Why Terraform cannot run here, or undefined when it can. */
export function terraformUnavailable(): string | undefined {
  const mirror = providerMirror();
  const providerDir = path.join(mirror, PROVIDER_ADDRESS, PROVIDER_VERSION);
  if (!existsSync(providerDir)) {
    return `the hashicorp/aws ${PROVIDER_VERSION} provider mirror was not found at ${providerDir} (set TF_PROVIDER_MIRROR to the mirror's root)`;
  }
  const onPath = (process.env.PATH ?? "").split(path.delimiter).some((dir) => existsSync(path.join(dir, "terraform")));
  if (!onPath) return "terraform is not on PATH (Terraform >= 1.11 is required)";
  return undefined;
}

/**
 * Writes a Terraform CLI configuration that installs hashicorp/aws from the mirror only, and
 * returns the environment to run Terraform with.
 */
export function offlineTerraformEnv(workDir = path.join(os.tmpdir(), "rstudio-shiny-terraform")): NodeJS.ProcessEnv {
  mkdirSync(workDir, { recursive: true });
  const cliConfig = path.join(workDir, "offline.tfrc");
  writeFileSync(
    cliConfig,
    [
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(providerMirror())}`,
      `    include = [${JSON.stringify(PROVIDER_ADDRESS)}]`,
      "  }",
      "}",
      "disable_checkpoint = true",
      "",
    ].join("\n"),
  );
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformResult> {
  return new Promise((resolve) => {
    execFile("terraform", args, { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `task` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface ValidationResult {
  readonly stack: string;
  readonly valid: boolean;
  readonly seconds: number;
  readonly diagnostics: string[];
}

/**
 * `terraform init` + `terraform validate -json` in a folder. `backend: false` for a synthesized
 * stack whose real backend (S3) cannot be reached; true where an override made it local.
 */
export async function initAndValidate(dir: string, env: NodeJS.ProcessEnv, options: { backend: boolean }): Promise<ValidationResult> {
  const started = Date.now();
  const stack = path.basename(dir);
  const result = (valid: boolean, diagnostics: string[]) => ({ stack, valid, seconds: (Date.now() - started) / 1000, diagnostics });
  const init = await terraform(["init", ...(options.backend ? [] : ["-backend=false"]), "-input=false", "-no-color"], dir, env);
  if (init.code !== 0) return result(false, [`init failed: ${init.stderr || init.stdout}`]);
  const validate = await terraform(["validate", "-json", "-no-color"], dir, env);
  let report: { valid: boolean; diagnostics: { severity: string; summary: string; detail?: string; address?: string }[] };
  try {
    report = JSON.parse(validate.stdout);
  } catch {
    return result(false, [validate.stderr || validate.stdout]);
  }
  return result(
    report.valid,
    report.diagnostics.map((d) => `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ""}${d.detail ? `: ${d.detail}` : ""}`),
  );
}

/** `terraform init -backend=false` + `terraform validate -json` in one synthesized stack directory. */
export function validateStack(stackDir: string, env: NodeJS.ProcessEnv): Promise<ValidationResult> {
  return initAndValidate(stackDir, env, { backend: false });
}
