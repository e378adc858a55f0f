import { Construct } from "constructs";
import { Fn, IResolvable, Op, ref, TerraformLocal, TerraformResource, Token } from "cdktf";

/*
 * The few Terraform expressions the layers need so that one construct serves both a stack
 * (literal settings from an environment file) and a module (settings from variables).
 * Collections are maps iterated with `for_each` and keyed by a stable name (user, zone);
 * optional parts have `count`.
 */

/** A switch: a literal in a stack, a variable in a module. */
export type Flag = boolean | IResolvable;

/** A map keyed by a stable name: a literal object in a stack, a variable in a module. */
export type MapInput<T> = Readonly<Record<string, T>> | IResolvable;

/** `aws_s3_bucket.data`: the address of a resource, as plain text for expressions. */
export function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** An arbitrary Terraform expression as a token that composes with cdktf's Fn and Op. */
export function expression(text: string): IResolvable {
  return ref(text);
}

/** `count` of a resource that exists only when `flag` holds. */
export function countWhen(flag: Flag): number {
  return Token.asNumber(choose(flag, 1, 0));
}

/** `list` when `flag` holds, else an empty list. */
export function listWhen(flag: Flag, list: readonly string[]): string[] {
  return Token.asList(choose<readonly string[]>(flag, list, []));
}

/** `map` when `flag` holds, else an empty map. */
export function mapWhen<T>(flag: Flag, map: MapInput<T>): MapInput<T> {
  return choose<MapInput<T>>(flag, map, {});
}

/**
 * Whether a string, list or map (literal or variable) has anything in it. Compares the length
 * with `>= 1`: cdktf's Op drops a literal 0 or "" operand.
 */
export function hasEntries(value: string | readonly unknown[] | MapInput<unknown>): Flag {
  if (Token.isUnresolved(value)) return Op.gte(Fn.lengthOf(value), 1) as IResolvable;
  return (typeof value === "string" || Array.isArray(value) ? value.length : Object.keys(value).length) > 0;
}

/** An attribute of the instance of a `for_each` resource with the current `each.key`. */
export function sameKey(resource: TerraformResource, attribute: string): string {
  return Token.asString(ref(`${addressOf(resource)}[each.key].${attribute}`));
}

/** An attribute of instance 0 of a `count` resource (used by resources sharing that count). */
export function firstInstance(resource: TerraformResource, attribute: string): string {
  return Token.asString(ref(`${addressOf(resource)}[0].${attribute}`));
}

/** The attribute of every instance of a `count` resource (none while the count is 0). */
export function everyInstance(resource: TerraformResource, attribute: string): string[] {
  return Token.asList(ref(`${addressOf(resource)}[*].${attribute}`));
}

/** Both switches on: decided in TypeScript when both are literal. */
export function both(a: Flag, b: Flag): Flag {
  if (typeof a === "boolean" && typeof b === "boolean") return a && b;
  return Op.and(a, b) as IResolvable;
}

/** `{ key => attribute }` over the instances of a `for_each` resource. */
export function attributeByKey(resource: TerraformResource, attribute: string): IResolvable {
  return ref(`{ for key, instance in ${addressOf(resource)} : key => instance.${attribute} }`);
}

/** The attribute of every instance of a `for_each` resource, ordered by key. */
export function attributeList(resource: TerraformResource, attribute: string): string[] {
  const address = addressOf(resource);
  return Token.asList(ref(`[for key in sort(keys(${address})) : ${address}[key].${attribute}]`));
}


/** Merges maps: in TypeScript when all are literal (readable stacks), else with Terraform's merge(). */
export function mergeMaps<T>(maps: MapInput<T>[]): MapInput<T> {
  if (maps.every((map) => !Token.isUnresolved(map))) {
    return Object.assign({}, ...(maps as Record<string, T>[]));
  }
  return Fn.merge(maps);
}

/** Keys of a map input where they are known at synth time (stacks); undefined for an expression. */
export function literalKeys(map: MapInput<unknown>): string[] | undefined {
  return Token.isUnresolved(map) ? undefined : Object.keys(map);
}

/** `prefix` + `value`, where `value` may be an expression (inside Fn calls a template would not do). */
export function prefixed(prefix: string, value: string): string {
  return Token.isUnresolved(value) ? Token.asString(Fn.format(`${prefix}%s`, [value])) : `${prefix}${value}`;
}

/**
 * An expression used in several places, named once as a `local` (a module reads better that way);
 * literal values are returned as they are.
 */
export function namedLocal<T>(scope: Construct, id: string, value: T): T {
  return Token.isUnresolved(value) ? (new TerraformLocal(scope, id, value).expression as T) : value;
}

/**
 * A value as text inside a hand-written `${...}`: cdktf writes a reference there bare
 * (`var.name`, `local.users`), while a literal must be written as HCL (JSON is valid HCL).
 */
export function inExpression(value: unknown): string {
  return Token.isUnresolved(value) ? Token.asString(value) : JSON.stringify(value);
}

/** `ifTrue` or `ifFalse`: chosen in TypeScript for a literal flag, by Terraform for a variable. */
export function choose<T>(flag: Flag, ifTrue: T, ifFalse: T): T {
  return typeof flag === "boolean" ? (flag ? ifTrue : ifFalse) : (Fn.conditional(flag, ifTrue, ifFalse) as T);
}
