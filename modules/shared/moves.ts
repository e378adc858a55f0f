import { TerraformResource, TerraformStack } from "cdktf";
import { addressOf } from "./expressions";

const movesByStack = new WeakMap<TerraformStack, { from: string; to: string }[]>();

/**
 * Records that a resource which used to be a single instance is now the `key` instance of a
 * `for_each`: Terraform moves the existing object instead of destroying and recreating it.
 */
export function movedToKey(resource: TerraformResource, key: string): void {
  const stack = TerraformStack.of(resource);
  const moves = movesByStack.get(stack) ?? [];
  moves.push({ from: addressOf(resource), to: `${addressOf(resource)}[${JSON.stringify(key)}]` });
  movesByStack.set(stack, moves);
  stack.addOverride("moved", moves);
}
