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
  resource?: Record<string, Record<string, { for_each?: unknown; count?: unknown }>>;
  output?: Record<string, unknown>;
  moved?: { from: string; to: string }[];
}

/**
 * Managed resource addresses and outputs (`output.vpc_id`) of a synthesized stack, sorted. Instances
 * of a literal `for_each` map or `count` are listed one by one (`aws_efs_access_point.efs_home["ada"]`);
 * where the instances are only known to Terraform, the resource address stands for them.
 */
export function stackAddresses(json: StackJson): string[] {
  const resources = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).flatMap(([name, body]) => {
      const address = `${type}.${name}`;
      if (body.for_each && typeof body.for_each === "object" && !Array.isArray(body.for_each)) {
        return Object.keys(body.for_each).map((key) => `${address}[${JSON.stringify(key)}]`);
      }
      if (typeof body.count === "number") return Array.from({ length: body.count }, (_, index) => `${address}[${index}]`);
      return [address];
    }),
  );
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
  const nowBase = new Set(current.map(baseAddress));
  const before = new Set(committed);
  const movedFrom = new Set(moved.map((move) => move.from));
  return {
    removedWithoutMove: committed.filter((address) => !now.has(address) && !movedFrom.has(address) && !movedFrom.has(baseAddress(address))),
    added: current.filter((address) => !before.has(address)),
    danglingMoves: moved.filter((move) => !now.has(move.to) && !nowBase.has(move.to)).map((move) => `${move.from} -> ${move.to}`),
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
