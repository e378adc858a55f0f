import { mkdtempSync, readdirSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { environments } from "../environments";
import { buildApp } from "../stacks/app";
import { ReadableStack } from "../stacks/readable-stack";
import { checkAddresses, readContract, readStackJson, stackAddresses } from "../tools/addresses";

const root = path.resolve(__dirname, "..");

describe("the address contract (addresses/<stack>.txt)", () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), "rstudio-addresses-test-"));
  buildApp(environments, { outdir }).synth();
  const stacksDir = path.join(outdir, "stacks");
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(readdirSync(stacksDir).sort())("%s keeps every committed address, or moves it", (stack) => {
    const json = readStackJson(stacksDir, stack);
    const result = checkAddresses(readContract(root, stack), stackAddresses(json), json.moved);
    expect({
      removedWithoutMove: result.removedWithoutMove,
      danglingMoves: result.danglingMoves,
      hint:
        result.removedWithoutMove.length > 0
          ? "a rename needs resource.moveFromId('<old address>'); a deliberate removal needs `npm run addresses`"
          : undefined,
    }).toEqual({ removedWithoutMove: [], danglingMoves: [], hint: undefined });
  });

  it.each(readdirSync(stacksDir).sort())("%s has no address missing from the contract (run `npm run addresses`)", (stack) => {
    const json = readStackJson(stacksDir, stack);
    expect(checkAddresses(readContract(root, stack), stackAddresses(json), json.moved).added).toEqual([]);
  });
});

describe("checkAddresses", () => {
  function synthBucket(id: string, movedFrom?: string) {
    const stack = new ReadableStack(Testing.app(), "test");
    const bucket = new S3Bucket(stack, id, { bucket: "data" });
    if (movedFrom) bucket.moveFromId(movedFrom);
    return JSON.parse(Testing.synth(stack));
  }
  const committed = stackAddresses(synthBucket("data"));

  it("fails a rename without a moved block", () => {
    const renamed = synthBucket("data_bucket");
    expect(checkAddresses(committed, stackAddresses(renamed), renamed.moved).removedWithoutMove).toEqual(["aws_s3_bucket.data"]);
  });

  it("accepts a rename that ships a moved block, and reports the new address for the contract", () => {
    const renamed = synthBucket("data_bucket", "aws_s3_bucket.data");
    expect(renamed.moved).toEqual([{ from: "aws_s3_bucket.data", to: "aws_s3_bucket.data_bucket" }]);
    expect(checkAddresses(committed, stackAddresses(renamed), renamed.moved)).toEqual({
      removedWithoutMove: [],
      added: ["aws_s3_bucket.data_bucket"],
      danglingMoves: [],
    });
  });

  it("reports a moved block whose target does not exist", () => {
    expect(checkAddresses([], ["aws_s3_bucket.b"], [{ from: "aws_s3_bucket.a", to: "aws_s3_bucket.c" }]).danglingMoves).toEqual([
      "aws_s3_bucket.a -> aws_s3_bucket.c",
    ]);
  });
});
