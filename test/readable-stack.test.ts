import { Construct } from "constructs";
import { Aspects, TerraformVariable, Testing } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { ReadableStack } from "../stacks/readable-stack";
import { SerializedOnceStack } from "../stacks/serialized-once-stack";

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
  const stackWithBucket = () => {
    const stack = new SerializedOnceStack(Testing.app(), "stack");
    new S3Bucket(stack, "first", { bucket: "first" });
    return stack;
  };

  it("builds its JSON once while the tree is unchanged", () => {
    const stack = stackWithBucket();
    expect(stack.toTerraform()).toBe(stack.toTerraform());
  });

  it("builds it again when constructs were added since", () => {
    const stack = stackWithBucket();
    const before = stack.toTerraform();
    new S3Bucket(stack, "second", { bucket: "second" });
    expect(Object.keys(before.resource.aws_s3_bucket)).toHaveLength(1);
    expect(Object.keys(stack.toTerraform().resource.aws_s3_bucket)).toHaveLength(2);
  });

  it("refuses an aspect, which could change the tree after the JSON was built", () => {
    const stack = stackWithBucket();
    Aspects.of(stack).add({ visit: () => undefined });
    expect(() => stack.toTerraform()).toThrow("stack has an aspect; SerializedOnceStack caches its JSON and cannot take one");
  });
});
