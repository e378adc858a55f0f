import { Construct, Node } from "constructs";
import { TerraformDataSource, TerraformElement, TerraformStack } from "cdktf";
import { SerializedOnceStack } from "./serialized-once-stack";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A stack whose Terraform addresses are readable and hash-free: `aws_ecs_service.rstudio_service`
 * instead of cdktf's `aws_ecs_service.workload_rstudio_service_4F2A9B1C`.
 *
 * The address is the construct path below the stack, without scopes marked transparent (the layer
 * construct that wraps everything: `workload/rstudio/service` -> `rstudio_service`). Addresses are the
 * public contract of the state, so a collision or an invalid identifier fails the synth instead
 * of silently merging two resources.
 */
export class ReadableStack extends SerializedOnceStack {
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => numericOverridePaths(this) });
  }
  private readonly transparentIds = new Set<string>();

  /**
   * Leaves the direct child `id` out of the Terraform names of everything below it. Call it before
   * the child is built: cdktf allocates names as soon as a resource is referenced.
   */
  protected nameWithout(id: string): void {
    this.transparentIds.add(id);
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const components = node.scopes
      .slice(node.scopes.indexOf(this) + 1)
      .filter((scope, index, scopes) => index > 0 || index === scopes.length - 1 || !this.transparentIds.has(scope.node.id))
      .map((scope) => scope.node.id);
    if (components.length === 0) return "";
    const id = components.join("_");
    if (!IDENTIFIER.test(id)) {
      throw new Error(`construct path ${node.path} gives "${id}", which is not a valid Terraform identifier`);
    }
    // Names only clash within one kind and type (var.x and aws_s3_bucket.x may coexist).
    const key = `${namespaceOf(element)}.${id}`;
    const owner = this.allocated.get(key);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`constructs ${owner} and ${node.path} would share the Terraform name "${id}"`);
    }
    this.allocated.set(key, node.path);
    return id;
  }
}

/** The Terraform namespace an element's name lives in: `aws_s3_bucket`, `data.aws_region`, `var`... */
function namespaceOf(element: TerraformElement | Node): string {
  if (!TerraformElement.isTerraformElement(element)) return "construct";
  const type = (element as unknown as { terraformResourceType?: string }).terraformResourceType;
  if (type) return element instanceof TerraformDataSource ? `data.${type}` : type;
  return element.constructor.name;
}

/**
 * `addOverride("rule.0.action", ...)` does not index a list: it writes an object key "0" into a
 * block Terraform expects as a list. Overrides must replace the whole attribute instead.
 */
export function numericOverridePaths(stack: TerraformStack): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string[], element: string) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      if (/^\d+$/.test(key)) {
        problems.push(`${element}: override path ${[...path, key].join(".")} indexes a list; override the whole attribute instead`);
      } else {
        visit(inner, [...path, key], element);
      }
    }
  };
  for (const construct of stack.node.findAll()) {
    if (TerraformElement.isTerraformElement(construct)) {
      visit((construct as unknown as { rawOverrides: unknown }).rawOverrides, [], construct.node.path);
    }
  }
  return problems;
}
