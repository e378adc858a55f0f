import { Construct } from "constructs";
import { TerraformResource } from "cdktf";

export interface TerraformDataProps {
  /** Values whose change replaces the resource (and whatever names it in `replace_triggered_by`). */
  readonly triggersReplace: Record<string, string>;
}

/**
 * Terraform's built-in `terraform_data` resource. cdktf's own DataResource adds a validation that
 * runs `terraform version` in a child process for every instance at synth; the stacks already
 * require Terraform 1.11, so this one writes the same block without it.
 */
export class TerraformData extends TerraformResource {
  private readonly triggersReplace: Record<string, string>;

  constructor(scope: Construct, id: string, props: TerraformDataProps) {
    super(scope, id, { terraformResourceType: "terraform_data", terraformGeneratorMetadata: { providerName: "terraform" } });
    this.triggersReplace = props.triggersReplace;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: this.triggersReplace };
  }
}
