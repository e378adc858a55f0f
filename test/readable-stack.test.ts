import { Construct } from "constructs";
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { Aspects, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { ReadableStack } from "../stacks/readable-stack";
import { SerializedOnceStack, SynthesizeOnceApp } from "../stacks/serialized-once-stack";
import { buildApp } from "../stacks/app";
import { environments } from "../environments";

class TestStack extends ReadableStack {
  constructor(transparent?: string) {
    super(Testing.app(), "test");
    if (transparent) this.nameWithout(transparent);
  }
}

describe("ReadableStack", () => {
  it("joins the construct path below the stack, leaving out a transparent layer scope", () => {
    const stack = new TestStack("layer");
    const layer = new Construct(stack, "layer");
    new S3Bucket(new Construct(layer, "buckets"), "data", {});
    new S3Bucket(stack, "top", {});
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.aws_s3_bucket).sort()).toEqual(["buckets_data", "top"]);
  });

  it("refuses two constructs that would share a Terraform name", () => {
    const stack = new TestStack();
    new S3Bucket(new Construct(stack, "a"), "b_c", {});
    new S3Bucket(new Construct(stack, "a_b"), "c", {});
    expect(() => Testing.synth(stack)).toThrow('constructs test/a/b_c and test/a_b/c would share the Terraform name "a_b_c"');
  });

  it("lets a variable and a resource share a name (they live in different Terraform namespaces)", () => {
    const stack = new TestStack();
    new TerraformVariable(stack, "schedule_start", { type: "string" });
    new S3Bucket(new Construct(stack, "schedule"), "start", {});
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.variable)).toEqual(["schedule_start"]);
    expect(Object.keys(json.resource.aws_s3_bucket)).toEqual(["schedule_start"]);
  });

  it("refuses a name that is not a Terraform identifier", () => {
    const stack = new TestStack();
    new S3Bucket(stack, "9lives", {});
    expect(() => Testing.synth(stack)).toThrow('construct path test/9lives gives "9lives", which is not a valid Terraform identifier');
  });
});

describe("SerializedOnceStack", () => {
  const appWithBucket = () => {
    const app = new SynthesizeOnceApp({ outdir: mkdtempSync(path.join(os.tmpdir(), "serialized-once-")) });
    const stack = new SerializedOnceStack(app, "stack");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new S3Bucket(stack, "first", { bucket: "first" });
    return { app, stack };
  };

  it("serializes each stack once per synth, although the policy gate reads every stack during validation", () => {
    const serialize = jest.spyOn(TerraformStack.prototype, "toTerraform");
    try {
      const outdir = mkdtempSync(path.join(os.tmpdir(), "serialized-once-app-"));
      buildApp(environments, { outdir }).synth();
      const stacks = readdirSync(path.join(outdir, "stacks"));
      expect(serialize.mock.instances.length).toBe(stacks.length);
      expect(new Set(serialize.mock.instances).size).toBe(stacks.length);
    } finally {
      serialize.mockRestore();
    }
  });

  it("caches nothing outside synth, so a stack changed after one synthesis is written as it is now", () => {
    const { app, stack } = appWithBucket();
    app.synth();
    const bucket = stack.node.findChild("first") as S3Bucket;
    bucket.bucket = "renamed";
    expect(stack.toTerraform().resource.aws_s3_bucket.first.bucket).toBe("renamed");
    app.synth();
    const written = JSON.parse(readFileSync(path.join(app.outdir, "stacks", "stack", "cdk.tf.json"), "utf8"));
    expect(written.resource.aws_s3_bucket.first.bucket).toBe("renamed");
  });

  it("refuses an aspect, which could change the tree after the gate read the JSON", () => {
    const { app, stack } = appWithBucket();
    Aspects.of(stack).add({ visit: () => undefined });
    expect(() => app.synth()).toThrow("stack has an aspect; SerializedOnceStack caches its JSON during synth and cannot take one");
  });
});
