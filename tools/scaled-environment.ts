import { EnvironmentInput } from "../config/schema";
import dev from "../environments/dev";

/** `user0000`, `user0001`, ...: generated data scientists for scale tests and the benchmark. */
export function generatedUserNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `user${String(i).padStart(4, "0")}`);
}

/**
 * The dev environment with `count` generated users, as the only environment of an app: with no
 * staging beside it, it creates its account's GuardDuty detector and trail itself.
 */
export function devWithUsers(count: number): EnvironmentInput {
  return {
    ...dev,
    rstudio: { ...dev.rstudio, users: generatedUserNames(count).map((name) => ({ name })) },
    hardening: {
      ...dev.hardening,
      guardDuty: { ...dev.hardening?.guardDuty, managedBy: "this-environment" },
      cloudTrail: { ...dev.hardening?.cloudTrail, managedBy: "this-environment" },
    },
  };
}
