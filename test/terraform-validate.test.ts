import { mkdtempSync, readdirSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { environments } from "../environments";
import { buildApp } from "../stacks/app";
import { mapLimit, offlineTerraformEnv, terraformUnavailable, validateStack, ValidationResult } from "../tools/terraform";

/*
 * Every synthesized stack must pass the real `terraform validate` against the offline
 * hashicorp/aws 5.100.0 mirror. Missing Terraform or mirror fails the suite, unless
 * SKIP_TERRAFORM_TESTS=1 says so explicitly.
 */
const skip = process.env.SKIP_TERRAFORM_TESTS === "1";
const describeTerraform = skip ? describe.skip : describe;

describeTerraform("terraform validate (offline provider mirror)", () => {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-validate-"));
  let results: ValidationResult[] = [];

  beforeAll(async () => {
    const unavailable = terraformUnavailable();
    if (unavailable) {
      throw new Error(`cannot run terraform: ${unavailable}. Set SKIP_TERRAFORM_TESTS=1 to skip these tests on purpose.`);
    }
    const outdir = path.join(workDir, "cdktf.out");
    buildApp(environments, { outdir }).synth();
    const stacksDir = path.join(outdir, "stacks");
    const env = offlineTerraformEnv(workDir);
    const stacks = readdirSync(stacksDir).sort();
    results = await mapLimit(stacks, 2, (stack) => validateStack(path.join(stacksDir, stack), env));
  }, 600_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("validated all 13 stacks", () => {
    expect(results.map((result) => result.stack)).toHaveLength(13);
  });

  it("finds every stack valid, without warnings", () => {
    const failures = results.filter((result) => !result.valid || result.diagnostics.length > 0);
    expect(failures.map((result) => ({ stack: result.stack, diagnostics: result.diagnostics }))).toEqual([]);
  });
});
