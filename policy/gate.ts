import { TerraformStack } from "cdktf";
import { evaluate, Rule } from "./engine";
import { environmentFromStacks } from "./environments";
import { PendingRule } from "./pending-hardening";
import { violations } from "./report";

/**
 * The synth gate: a validation on every stack, so `app.synth()` (and `npm run synth`) fails when a
 * rule fails that is neither suppressed nor pending, naming rule, resource address and why.
 * Rules need whole environments (a flow log for each VPC, a WAF for each load balancer), so the
 * first validation evaluates every environment at once; each stack then reports its own violations,
 * and an environment's own (GuardDuty, CloudTrail) go to its first stack.
 */
export class PolicyGate {
  private readonly environments: { name: string; stacks: readonly TerraformStack[] }[] = [];
  private readonly guarded = new Set<TerraformStack>();
  private byStack?: Map<TerraformStack, string[]>;

  constructor(
    private readonly rules: readonly Rule[],
    private readonly pending: readonly PendingRule[],
  ) {}

  /** Guards an environment made of `stacks` (its own first, shared ones such as bootstrap after). */
  addEnvironment(name: string, stacks: readonly TerraformStack[]): void {
    this.environments.push({ name, stacks });
    for (const stack of stacks.filter((candidate) => !this.guarded.has(candidate))) {
      this.guarded.add(stack);
      stack.node.addValidation({ validate: () => this.violationsOf(stack) });
    }
  }

  private violationsOf(stack: TerraformStack): string[] {
    this.byStack ??= this.evaluateAll();
    return this.byStack.get(stack) ?? [];
  }

  private evaluateAll(): Map<TerraformStack, string[]> {
    const byStack = new Map<TerraformStack, Set<string>>();
    for (const { name, stacks } of this.environments) {
      const evaluation = evaluate(environmentFromStacks(name, stacks), this.rules);
      for (const violation of violations(evaluation, this.pending)) {
        const owner = stacks.find((stack) => violation.includes(`${stack.node.id}/`)) ?? stacks[0];
        if (!byStack.has(owner)) byStack.set(owner, new Set());
        byStack.get(owner)!.add(`policy ${violation}`);
      }
    }
    return new Map([...byStack].map(([stack, messages]) => [stack, [...messages]]));
  }
}
