import { ConfigError } from "./errors";
import { EnvironmentConfig } from "./load";

/**
 * Resources AWS allows once per account (and region): an environment that manages one must be the
 * only one there that does, or the second apply fails (GuardDuty: "a detector already exists") or
 * the account pays twice (a second multi-region trail).
 */
const SINGLETONS = [
  {
    field: "hardening.guardDuty.manageDetector",
    what: "one GuardDuty detector per account and region",
    manages: (config: EnvironmentConfig) => config.hardening.guardDuty.manageDetector,
    scope: (config: EnvironmentConfig) => `${config.accountId}/${config.region}`,
  },
  {
    field: "hardening.cloudTrail.manageTrail",
    what: "one multi-region trail per account",
    manages: (config: EnvironmentConfig) => config.hardening.cloudTrail.manageTrail,
    scope: (config: EnvironmentConfig) => config.accountId,
  },
] as const;

/** Refuses two environments that both manage an account-wide resource in the same account (and region). */
export function checkAccountSingletons(configs: readonly EnvironmentConfig[]): void {
  for (const singleton of SINGLETONS) {
    const owners = new Map<string, string>();
    for (const config of configs.filter(singleton.manages)) {
      const scope = singleton.scope(config);
      const owner = owners.get(scope);
      if (owner !== undefined) {
        throw new ConfigError(config.name, [
          `\`${singleton.field}\` is also true in environment "${owner}" (${singleton.what}: ${scope}); set it to false in all but one of them, got: true`,
        ]);
      }
      owners.set(scope, config.name);
    }
  }
}
