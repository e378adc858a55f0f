import { ConfigError } from "./errors";
import { ControlOwner } from "./hardening";
import { EnvironmentConfig } from "./load";

/**
 * Resources AWS allows once per account (and region). A second creator fails its apply
 * (GuardDuty: "a detector already exists") or makes the account pay twice (a second multi-region
 * trail); an environment that relies on another environment that does not create it leaves the
 * account without the control while its policy report says it is covered.
 */
const SINGLETONS = [
  {
    field: "hardening.guardDuty.managedBy",
    what: "one GuardDuty detector per account and region",
    owner: (config: EnvironmentConfig) => config.hardening.guardDuty.managedBy,
    scope: (config: EnvironmentConfig) => `${config.accountId}/${config.region}`,
  },
  {
    field: "hardening.cloudTrail.managedBy",
    what: "one multi-region trail per account",
    owner: (config: EnvironmentConfig) => config.hardening.cloudTrail.managedBy,
    scope: (config: EnvironmentConfig) => config.accountId,
  },
] as const;

/**
 * In each account (and region) of the app: at most one environment creates the control; where
 * one relies on "another-environment", exactly one does; where one says "organization", none does.
 */
export function checkAccountSingletons(configs: readonly EnvironmentConfig[]): void {
  for (const singleton of SINGLETONS) {
    const byScope = new Map<string, EnvironmentConfig[]>();
    for (const config of configs) byScope.set(singleton.scope(config), [...(byScope.get(singleton.scope(config)) ?? []), config]);
    for (const [scope, members] of byScope) {
      const having = (owner: ControlOwner) => members.filter((config) => singleton.owner(config) === owner);
      const [creator, ...others] = having("this-environment");
      const fail = (config: EnvironmentConfig, rule: string) => {
        throw new ConfigError(config.name, [`\`${singleton.field}\` ${rule} (${singleton.what}: ${scope}), got: "${singleton.owner(config)}"`]);
      };
      if (others.length > 0) fail(others[0], `is also "this-environment" in environment "${creator.name}"; only one environment may create it`);
      const [organizationManaged] = having("organization");
      if (creator && organizationManaged) {
        fail(creator, `must not be "this-environment" while environment "${organizationManaged.name}" says the organization manages it`);
      }
      const [dependent] = having("another-environment");
      if (dependent && !creator) {
        fail(dependent, `is "another-environment", but no environment of this app creates it there; set one of them to "this-environment", or say "organization"`);
      }
    }
  }
}
