import { mkdtempSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformOutput, Testing, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { policyDocument } from "../modules/shared/policy";
import { containerDefinitions } from "../modules/workload/web-service";
import { literal } from "../stacks/layer-stack";
import { ReadableStack } from "../stacks/readable-stack";
import { offlineOverride } from "../tools/plan/fixtures";
import { planDirectory } from "../tools/plan/harness";
import { offlineTerraformEnv, terraformUnavailable } from "../tools/terraform";

/*
 * The cdktf traps, each fixed as a kind and proven against the real Terraform where it matters.
 */

describe("literal ${ in documents built in TypeScript", () => {
  const skip = process.env.SKIP_TERRAFORM_TESTS === "1";
  const workDir = mkdtempSync(path.join(os.tmpdir(), "rstudio-traps-"));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  (skip ? it.skip : it)(
    "reach AWS as written: IAM policy variables and free-text tags are not interpolated",
    async () => {
      const unavailable = terraformUnavailable();
      if (unavailable) throw new Error(`cannot run terraform: ${unavailable}`);
      const app = new App({ outdir: path.join(workDir, "out") });
      const stack = new ReadableStack(app, "traps");
      new AwsProvider(stack, "aws", { region: "eu-west-1", defaultTags: [{ tags: { Note: literal("cost ${center} %{ if x }") } }] });
      const json = policyDocument(stack, "home_prefix", [
        { sid: "OwnPrefix", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/home/${aws:username}/*"] },
      ]);
      new TerraformOutput(stack, "policy", { value: json });
      new TerraformOutput(stack, "note", { value: literal("team ${team}") });
      app.synth();
      const dir = path.join(workDir, "out", "stacks", "traps");
      writeFileSync(path.join(dir, "offline_override.tf.json"), JSON.stringify(offlineOverride({})));
      const { plan } = await planDirectory(dir, offlineTerraformEnv(workDir));
      const policy = JSON.parse(plan.planned_values.outputs.policy.value);
      expect(policy.Statement[0].Resource).toBe("arn:aws:s3:::data/home/${aws:username}/*");
      expect(plan.planned_values.outputs.note.value).toBe("team ${team}");
    },
    120_000,
  );

  it("leaves cdktf's own references alone while escaping policy variables", () => {
    const stack = new ReadableStack(Testing.app(), "refs");
    const bucket = new S3Bucket(stack, "data", { bucket: "data" });
    policyDocument(stack, "doc", [{ actions: ["s3:GetObject"], resources: [`${bucket.arn}/\${aws:username}/*`] }]);
    const statement = JSON.parse(Testing.synth(stack)).data.aws_iam_policy_document.doc.statement[0];
    expect(statement.resources).toEqual(["${aws_s3_bucket.data.arn}/&{aws:username}/*"]);
  });
});

describe("tokens inside JSON strings", () => {
  it("refuses a list or number token in container definitions (Fn.jsonencode is the way)", () => {
    const stack = new ReadableStack(Testing.app(), "tokens");
    const group = new SecurityGroup(stack, "group", {});
    expect(() => containerDefinitions([{ name: "x", dnsServers: Token.asList(group.id) }])).toThrow(
      "container definitions may only embed string expressions; use Fn.jsonencode for lists and numbers",
    );
    expect(() => containerDefinitions([{ name: "x", cpu: Token.asNumber(group.id) }])).toThrow("use Fn.jsonencode");
    expect(() => containerDefinitions([{ name: "x", image: `${group.id}:1` }])).not.toThrow();
  });
});

describe("overrides on list attributes", () => {
  it("fails the synth instead of writing an object key where Terraform expects a list", () => {
    const stack = new ReadableStack(Testing.app(), "overrides");
    const group = new SecurityGroup(stack, "group", { ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp" }] });
    group.addOverride("ingress.0.description", "HTTPS");
    expect(() => Testing.fullSynth(stack)).toThrow("override path ingress.0 indexes a list; override the whole attribute instead");
  });
});
