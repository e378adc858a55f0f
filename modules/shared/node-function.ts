import { Construct } from "constructs";
import { AssetType, TerraformAsset, TerraformResource } from "cdktf";
import { LambdaFunction, LambdaFunctionConfig } from "@cdktf/provider-aws/lib/lambda-function";
import { functionPackage } from "./function-package";

/**
 * The Node.js runtime of every function here. nodejs20.x is deprecated (Node.js 20 reached end of
 * life in April 2026, and Lambda blocks creating functions on it); the code stays plain CommonJS
 * that runs on Node.js 20 too, so local tests on this machine's Node.js match.
 */
export const NODE_RUNTIME = "nodejs22.x";

export interface NodeFunctionProps
  extends Pick<
    LambdaFunctionConfig,
    "count" | "description" | "environment" | "vpcConfig" | "deadLetterConfig" | "reservedConcurrentExecutions" | "kmsKeyArn"
  > {
  readonly functionName: string;
  /** Directory holding `index.js` (exports `handler`) and its modules; zipped at synth time. */
  readonly sourceDirectory: string;
  /** Construct id of the code asset (kept per function so asset paths stay stable). */
  readonly assetId: string;
  readonly roleArn: string;
  readonly logGroupName: string;
  /** The log group (and anything else) the function must not start without. */
  readonly dependsOn: TerraformResource[];
  /** @default 30 */
  readonly timeoutSeconds?: number;
}

/** A Node.js Lambda function packaged from this repository, traced, logging JSON to its own group. */
export function nodeFunction(scope: Construct, id: string, props: NodeFunctionProps): LambdaFunction {
  const built = functionPackage(props.sourceDirectory);
  const code = new TerraformAsset(scope, props.assetId, { path: built.zipPath, type: AssetType.FILE, assetHash: assetHashOf(built.sha256) });
  return new LambdaFunction(scope, id, {
    count: props.count,
    functionName: props.functionName,
    description: props.description,
    role: props.roleArn,
    runtime: NODE_RUNTIME,
    handler: "index.handler",
    // Relative to the module, so the code is found when the layer is called as a module too.
    filename: `\${path.module}/${code.path}`,
    sourceCodeHash: built.sha256,
    timeout: props.timeoutSeconds ?? 30,
    memorySize: 128,
    tracingConfig: { mode: "Active" },
    loggingConfig: { logFormat: "JSON", logGroup: props.logGroupName },
    environment: props.environment,
    vpcConfig: props.vpcConfig,
    deadLetterConfig: props.deadLetterConfig,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    kmsKeyArn: props.kmsKeyArn,
    dependsOn: props.dependsOn,
  });
}

/** The asset folder name: the package's own hash, upper-case hex like cdktf's. */
function assetHashOf(sha256Base64: string): string {
  return Buffer.from(sha256Base64, "base64").toString("hex").slice(0, 32).toUpperCase();
}
