import { ConfigError } from "./errors";
import { EnvironmentConfig } from "./load";

/**
 * Settings two environments of one app must not share: their stacks' names, or the same AWS
 * resources (IAM roles and buckets are named `<namePrefix>-...` in an account) or DNS records.
 * A copied environment file that only changes `name` fails here rather than at apply.
 */
const UNIQUE: { field: string; value: (config: EnvironmentConfig) => string; perAccount?: boolean }[] = [
  { field: "name", value: (c) => c.name },
  { field: "namePrefix", value: (c) => c.namePrefix, perAccount: true },
  { field: "dns.rstudioDomain", value: (c) => c.dns.rstudioDomain },
  { field: "dns.shinyDomain", value: (c) => c.dns.shinyDomain },
];

export function checkEnvironmentCollisions(configs: readonly EnvironmentConfig[]): void {
  for (const { field, value, perAccount } of UNIQUE) {
    const owners = new Map<string, string>();
    for (const config of configs) {
      const key = perAccount ? `${config.accountId}/${value(config)}` : value(config);
      const owner = owners.get(key);
      if (owner !== undefined) {
        const where = perAccount ? ` in account ${config.accountId}` : "";
        throw new ConfigError(config.name, [`\`${field}\` is used by environment "${owner}"${where}, got: "${value(config)}"`]);
      }
      owners.set(key, config.name);
    }
  }
}
