import { createHash } from "crypto";
import { activeUserNames, EnvironmentConfig, userNamesWithData } from "../config/load";

/*
 * Well-formed example values for layer outputs: what a consumer plans against before its
 * producer has been applied (offline plans, module examples). An ARN where an ARN is expected,
 * an AWS-style id where an id is expected, one entry per zone or per user where lists and maps are.
 */

export interface ExampleContext {
  readonly config: EnvironmentConfig;
  readonly partition: string;
}

/** `length` hex digits derived from `seed`: the same example for the same seed, every run. */
export const exampleHex = (seed: string, length: number) => createHash("sha256").update(seed).digest("hex").slice(0, length);

/** An AWS-style resource id: `vpc-0a1b2c3d4e5f60718`. */
export function exampleId(prefix: string, seed: string): string {
  return `${prefix}-0${exampleHex(seed, 16)}`;
}

export function exampleUuid(seed: string): string {
  const h = exampleHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function exampleArn(context: ExampleContext, service: string, resource: string, options: { global?: boolean } = {}): string {
  const region = options.global ? "" : context.config.region;
  return `arn:${context.partition}:${service}:${region}:${context.config.accountId}:${resource}`;
}

export function perZone<T>(context: ExampleContext, make: (zone: string, index: number) => T): T[] {
  return context.config.network.availabilityZones.map(make);
}

function perUser(users: string[], make: (user: string) => string): Record<string, string> {
  return Object.fromEntries(users.map((user) => [user, make(user)]));
}

/** One entry per user with an RStudio service. */
export function perActiveUser(context: ExampleContext, make: (user: string) => string): Record<string, string> {
  return perUser(activeUserNames(context.config), make);
}

/** One entry per user with a home directory and a password (retained users included). */
export function perUserWithData(context: ExampleContext, make: (user: string) => string): Record<string, string> {
  return perUser(userNamesWithData(context.config), make);
}
