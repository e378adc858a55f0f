import { ConfigError } from "./errors";
import { EnvironmentConfig } from "./load";

/**
 * Settings two environments of one app must not share: their stacks' names, or the same AWS
 * resources (IAM roles and buckets are named `<namePrefix>-...` in an account) or DNS records.
 * A copied environment file that only changes `name` fails here rather than at apply.
 */
const UNIQUE: { field: string; key: (config: EnvironmentConfig) => string; value: (config: EnvironmentConfig) => string }[] = [
  { field: "name", key: (c) => c.name, value: (c) => c.name },
  { field: "namePrefix", key: (c) => `${c.accountId}/${c.namePrefix}`, value: (c) => c.namePrefix },
  { field: "dns.rstudioDomain", key: (c) => c.dns.rstudioDomain, value: (c) => c.dns.rstudioDomain },
  { field: "dns.shinyDomain", key: (c) => c.dns.shinyDomain, value: (c) => c.dns.shinyDomain },
];

export function checkEnvironmentCollisions(configs: readonly EnvironmentConfig[]): void {
  for (const { field, key, value } of UNIQUE) {
    const owners = new Map<string, string>();
    for (const config of configs) {
      const owner = owners.get(key(config));
      if (owner !== undefined) {
        const where = field === "namePrefix" ? ` in account ${config.accountId}` : "";
        throw new ConfigError(config.name, [`\`${field}\` is used by environment "${owner}"${where}, got: "${value(config)}"`]);
      }
      owners.set(key(config), config.name);
    }
  }
}
