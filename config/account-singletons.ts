import { ConfigError } from "./errors";
import { EnvironmentConfig } from "./load";

/**
 * Resources AWS allows once per account (and region): exactly one environment there manages each.
 * A second owner fails its apply (GuardDuty: "a detector already exists") or makes the account pay
 * twice (a second multi-region trail); no owner leaves the account without the control while the
 * other environments' policy reports say it is covered.
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

/** Refuses two environments, or none, managing an account-wide resource in the same account (and region). */
export function checkAccountSingletons(configs: readonly EnvironmentConfig[]): void {
  for (const singleton of SINGLETONS) {
    const unowned = new Map<string, string[]>();
    for (const config of configs) unowned.set(singleton.scope(config), [...(unowned.get(singleton.scope(config)) ?? []), config.name]);
    for (const config of configs.filter(singleton.manages)) unowned.delete(singleton.scope(config));
    for (const [scope, names] of unowned) {
      throw new ConfigError(names[0], [
        `\`${singleton.field}\` is false in every environment of ${scope} (${names.join(", ")}): ${singleton.what}; set it to true in one of them, got: false`,
      ]);
    }
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
