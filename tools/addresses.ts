import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";

/*
 * The address contract: Terraform state lives under resource addresses, so the committed list
 * of every stack's addresses (and output names) is part of the public contract. An address may
 * only disappear with a `moved` block that maps it to its new address, or on purpose (the
 * committed list is regenerated and the removal shows in review).
 */

export const ADDRESS_DIR = "addresses";

interface StackJson {
  resource?: Record<string, Record<string, unknown>>;
  output?: Record<string, unknown>;
  moved?: { from: string; to: string }[];
}

/** Managed resource addresses (`aws_vpc.vpc`) and outputs (`output.vpc_id`) of a synthesized stack, sorted. */
export function stackAddresses(json: StackJson): string[] {
  const resources = Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
  const outputs = Object.keys(json.output ?? {}).map((name) => `output.${name}`);
  return [...resources, ...outputs].sort();
}

export interface AddressCheck {
  /** In the contract, gone now, and no `moved` block says where. */
  readonly removedWithoutMove: string[];
  /** New since the contract (accept with `npm run addresses`). */
  readonly added: string[];
  /** `moved` blocks whose target does not exist. */
  readonly danglingMoves: string[];
}

const baseAddress = (address: string) => address.replace(/\[.*\]$/, "");

export function checkAddresses(committed: readonly string[], current: readonly string[], moved: StackJson["moved"] = []): AddressCheck {
  const now = new Set(current);
  const before = new Set(committed);
  const movedFrom = new Set(moved.map((move) => baseAddress(move.from)));
  return {
    removedWithoutMove: committed.filter((address) => !now.has(address) && !movedFrom.has(address)),
    added: current.filter((address) => !before.has(address)),
    danglingMoves: moved.filter((move) => !now.has(baseAddress(move.to))).map((move) => `${move.from} -> ${move.to}`),
  };
}

export function readStackJson(stacksDir: string, stack: string): StackJson {
  return JSON.parse(readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8"));
}

export function contractFile(root: string, stack: string): string {
  return path.join(root, ADDRESS_DIR, `${stack}.txt`);
}

export function readContract(root: string, stack: string): string[] {
  return readFileSync(contractFile(root, stack), "utf8").split("\n").filter((line) => line.length > 0);
}

/** Writes the contract of every synthesized stack. */
export function writeContracts(root: string, stacksDir: string): string[] {
  mkdirSync(path.join(root, ADDRESS_DIR), { recursive: true });
  const stacks = readdirSync(stacksDir).sort();
  for (const stack of stacks) {
    writeFileSync(contractFile(root, stack), `${stackAddresses(readStackJson(stacksDir, stack)).join("\n")}\n`);
  }
  return stacks;
}
