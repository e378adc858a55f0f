/*
 * Instances of the resources in an environment's synthesized stacks. A stack writes most
 * collections as literal `for_each` maps, but some as expressions over other resources or over
 * another layer's outputs (the NAT gateways follow the public subnets, the EFS mount targets the
 * network layer's subnets). The few expression shapes the layers emit are evaluated here; any
 * other shape fails naming the resource, so a new shape can never be miscounted silently.
 */

export interface StackJson {
  resource?: Record<string, Record<string, ResourceBody>>;
  output?: Record<string, { value: unknown }>;
}

export type ResourceBody = Record<string, unknown> & { for_each?: unknown; count?: unknown };

/** The stacks of one environment by layer name (the name its consumers read remote state under). */
export type EnvironmentJson = Readonly<Record<string, StackJson>>;

/** One instance of a resource: its key and, for a literal `for_each` map, its value (`each.value`). */
export interface Instance {
  readonly key: string;
  readonly value: unknown;
}

/** A resource address (`aws_subnet.public_subnet`); resource types always contain an underscore, `var.x` and `local.x` do not. */
const ADDRESS = String.raw`[a-z][a-z0-9]*_[a-z0-9_]+\.[a-z0-9_]+`;
const REMOTE_OUTPUT = /^data\.terraform_remote_state\.([a-z0-9_]+)\.outputs\.([a-z0-9_]+)$/;
const COLLECTION_SHAPES: { pattern: RegExp; keys: (env: EnvironmentJson, layer: string, match: RegExpMatchArray) => string[] }[] = [
  // aws_subnet.public_subnet (a whole resource as a map of its instances)
  { pattern: new RegExp(`^(${ADDRESS})$`), keys: (env, layer, m) => referencedKeys(env, layer, m[1]) },
  // toset(["a", "b"])
  { pattern: /^toset\((\[.*\])\)$/, keys: (_env, _layer, m) => JSON.parse(m[1]) as string[] },
  // { (sort(keys(aws_subnet.public_subnet))[0]) = true }
  {
    pattern: new RegExp(`^\\{ \\(sort\\(keys\\((${ADDRESS})\\)\\)\\[0\\]\\) = true \\}$`),
    keys: (env, layer, m) => referencedKeys(env, layer, m[1]).sort().slice(0, 1),
  },
  // { for zone in keys(aws_subnet.public_subnet) : zone => true }
  {
    pattern: new RegExp(`^\\{ for (\\w+) in keys\\((${ADDRESS})\\) : \\1 => .+ \\}$`),
    keys: (env, layer, m) => referencedKeys(env, layer, m[2]),
  },
  // { for key, instance in aws_subnet.private_subnet : key => instance.id }
  {
    pattern: new RegExp(`^\\{ for (\\w+), \\w+ in (${ADDRESS}) : \\1 => .+ \\}$`),
    keys: (env, layer, m) => referencedKeys(env, layer, m[2]),
  },
  // [for key in sort(keys(aws_subnet.private_subnet)) : aws_subnet.private_subnet[key].id]
  {
    pattern: new RegExp(`^\\[for (\\w+) in sort\\(keys\\((${ADDRESS})\\)\\) : .+\\]$`),
    keys: (env, layer, m) => referencedKeys(env, layer, m[2]).sort(),
  },
  // data.terraform_remote_state.network.outputs.private_subnet_ids_by_zone
  { pattern: REMOTE_OUTPUT, keys: (env, _layer, m) => outputKeys(env, m[1], m[2]) },
];

/** The instances of `type.name` in `layer`'s stack (none when the resource is not there). */
export function instances(env: EnvironmentJson, layer: string, address: string): Instance[] {
  const [type, name] = address.split(".");
  const body = stackOf(env, layer).resource?.[type]?.[name];
  if (!body) return [];
  const { for_each: forEach, count } = body;
  if (forEach !== undefined) {
    if (isMap(forEach)) return Object.entries(forEach).map(([key, value]) => ({ key, value }));
    return collectionKeys(env, layer, forEach, `${layer} ${address} for_each`).map((key) => ({ key, value: key }));
  }
  if (count !== undefined) {
    if (typeof count !== "number") throw unsupported(`${layer} ${address} count`, count);
    return Array.from({ length: count }, (_, index) => ({ key: String(index), value: undefined }));
  }
  return [{ key: "", value: undefined }];
}

export function instanceKeys(env: EnvironmentJson, layer: string, address: string): string[] {
  return instances(env, layer, address).map((instance) => instance.key);
}

/** The resources (not instances) of `type` in `layer`, by name. */
export function resourcesOfType(env: EnvironmentJson, layer: string, type: string): [string, ResourceBody][] {
  return Object.entries(stackOf(env, layer).resource?.[type] ?? {});
}

/** Every instance of every resource of `type` in `layer`, with the resource's name and body. */
export function instancesOfType(env: EnvironmentJson, layer: string, type: string): (Instance & { name: string; body: ResourceBody })[] {
  return resourcesOfType(env, layer, type).flatMap(([name, body]) =>
    instances(env, layer, `${type}.${name}`).map((instance) => ({ ...instance, name, body })),
  );
}

export function countOfType(env: EnvironmentJson, layer: string, type: string): number {
  return instancesOfType(env, layer, type).length;
}

/** The number of elements of a list argument: a literal list or one of the collection expressions. */
export function listLength(env: EnvironmentJson, layer: string, value: unknown, what: string): number {
  if (Array.isArray(value)) return value.length;
  return collectionKeys(env, layer, value, what).length;
}

/** Keys of a collection written as a Terraform expression (`${...}`). */
function collectionKeys(env: EnvironmentJson, layer: string, value: unknown, what: string): string[] {
  const text = typeof value === "string" ? /^\$\{(.*)\}$/s.exec(value)?.[1] : undefined;
  if (text !== undefined) {
    for (const shape of COLLECTION_SHAPES) {
      const match = text.match(shape.pattern);
      if (match) return shape.keys(env, layer, match);
    }
  }
  throw unsupported(what, value);
}

/** Keys of a resource an expression refers to; it must exist, or the expression was misread. */
function referencedKeys(env: EnvironmentJson, layer: string, address: string): string[] {
  const [type, name] = address.split(".");
  if (!stackOf(env, layer).resource?.[type]?.[name]) throw new Error(`cost: ${layer} refers to ${address}, which its stack does not have`);
  return instanceKeys(env, layer, address);
}

/** Keys of another layer's output, evaluated in that layer's stack. */
function outputKeys(env: EnvironmentJson, layer: string, output: string): string[] {
  const value = stackOf(env, layer).output?.[output]?.value;
  if (value === undefined) throw new Error(`cost: layer "${layer}" has no output "${output}"`);
  if (Array.isArray(value)) return value.map(String);
  if (isMap(value)) return Object.keys(value);
  return collectionKeys(env, layer, value, `${layer} output ${output}`);
}

function stackOf(env: EnvironmentJson, layer: string): StackJson {
  const stack = env[layer];
  if (!stack) throw new Error(`cost: no synthesized stack for layer "${layer}" (have: ${Object.keys(env).join(", ")})`);
  return stack;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unsupported(what: string, value: unknown): Error {
  return new Error(`cost: cannot count the instances of ${what}: unsupported expression ${JSON.stringify(value)}`);
}
