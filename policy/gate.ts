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
  private readonly environments: { name: string; own: readonly TerraformStack[]; shared: readonly TerraformStack[] }[] = [];
  private readonly guarded = new Set<TerraformStack>();
  private byStack?: Map<TerraformStack, string[]>;

  constructor(
    private readonly rules: readonly Rule[],
    private readonly pending: readonly PendingRule[],
  ) {}

  /** Guards an environment made of its own stacks and the shared ones (bootstrap). */
  addEnvironment(name: string, own: readonly TerraformStack[], shared: readonly TerraformStack[] = []): void {
    this.environments.push({ name, own, shared });
    for (const stack of [...own, ...shared].filter((candidate) => !this.guarded.has(candidate))) {
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
    for (const { name, own, shared } of this.environments) {
      const stacks = [...own, ...shared];
      const evaluation = evaluate(environmentFromStacks(name, own, shared), this.rules);
      for (const violation of violations(evaluation, this.pending)) {
        const owner = stacks.find((stack) => violation.includes(`${stack.node.id}/`)) ?? stacks[0];
        if (!byStack.has(owner)) byStack.set(owner, new Set());
        byStack.get(owner)!.add(`policy ${violation}`);
      }
    }
    return new Map([...byStack].map(([stack, messages]) => [stack, [...messages]]));
  }
}
