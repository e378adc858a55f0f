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
  return typeof flag === "boolean" ? (flag ? 1 : 0) : Token.asNumber(Fn.conditional(flag, 1, 0));
}

/** Whether a map (literal or variable) has any entry. */
export function isNotEmpty(map: MapInput<unknown>): Flag {
  return Token.isUnresolved(map) ? (Op.gte(Fn.lengthOf(map), 1) as IResolvable) : Object.keys(map).length > 0;
}

/** An attribute of the instance of a `for_each` resource with the current `each.key`. */
export function sameKey(resource: TerraformResource, attribute: string): string {
  return Token.asString(ref(`${addressOf(resource)}[each.key].${attribute}`));
}

/** An attribute of instance 0 of a `count` resource (used by resources sharing that count). */
export function firstInstance(resource: TerraformResource, attribute: string): string {
  return Token.asString(ref(`${addressOf(resource)}[0].${attribute}`));
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

/** `list` when `flag` holds, else an empty list. */
export function listWhen(flag: Flag, list: readonly string[]): string[] {
  return typeof flag === "boolean" ? (flag ? [...list] : []) : Token.asList(Fn.conditional(flag, [...list], []));
}

/** Whether a list (literal or variable) has any item. */
export function hasItems(list: readonly string[]): Flag {
  return Token.isUnresolved(list) ? (Op.gte(Fn.lengthOf(list), 1) as IResolvable) : list.length > 0;
}

/** `map` when `flag` holds, else an empty map. */
export function mapWhen<T>(flag: Flag, map: Readonly<Record<string, T>>): MapInput<T> {
  return typeof flag === "boolean" ? (flag ? map : {}) : Fn.conditional(flag, map, {});
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
  return namedLocalWithText(scope, id, value).value;
}

/** As namedLocal, with the HCL text that reads the value (`local.<name>`, or the literal as JSON). */
export function namedLocalWithText<T>(scope: Construct, id: string, value: T): { value: T; text: string } {
  if (!Token.isUnresolved(value)) return { value, text: JSON.stringify(value) };
  const local = new TerraformLocal(scope, id, value);
  return { value: local.expression as T, text: `local.${local.friendlyUniqueId}` };
}

/** `ifTrue` or `ifFalse`: chosen in TypeScript for a literal flag, by Terraform for a variable. */
export function choose<T>(flag: Flag, ifTrue: T, ifFalse: T): T {
  return typeof flag === "boolean" ? (flag ? ifTrue : ifFalse) : (Fn.conditional(flag, ifTrue, ifFalse) as T);
}
