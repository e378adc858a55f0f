import { ConfigError } from "../config/errors";
import { DEFAULT_ALLOWED_DOMAINS } from "../config/hardening";
import { loadEnvironment } from "../config/load";
import { EnvironmentInput } from "../config/schema";
import { environments } from "../environments";
import { loadEnvironments } from "../stacks/app";
import { minimalInput } from "./support/environment";

function problemsOf(hardening: unknown, namePrefix?: string): readonly string[] {
  const input = { ...minimalInput(), hardening, ...(namePrefix ? { namePrefix } : {}) } as EnvironmentInput;
  try {
    loadEnvironment(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("the environment was accepted");
}

const environment = (name: string, accountId: string, region: string, hardening: EnvironmentInput["hardening"]): EnvironmentInput => ({
  ...minimalInput(),
  name,
  accountId,
  region,
  namePrefix: `rs-${name}`,
  network: { ...minimalInput().network, availabilityZones: [`${region}a`, `${region}b`] },
  hardening,
});

describe("hardening settings", () => {
  it("default to every cheap control on and Shield Advanced off", () => {
    expect(loadEnvironment(minimalInput()).hardening).toEqual({
      guardDuty: { manageDetector: true, runtimeMonitoring: true },
      cloudTrail: { manageTrail: true, retentionDays: 365 },
      shieldAdvanced: { enabled: false },
      egressFilter: { enabled: true, allowedDomains: [...DEFAULT_ALLOWED_DOMAINS] },
      shinyAuthentication: { enabled: true, mfa: "ON", threatProtection: true },
      readOnlyRootFilesystem: true,
    });
  });

  it("are on in prod, Shield Advanced aside", () => {
    const prod = loadEnvironments(environments).find((config) => config.name === "prod")!;
    expect(prod.hardening).toMatchObject({
      guardDuty: { manageDetector: true, runtimeMonitoring: true },
      cloudTrail: { manageTrail: true },
      shieldAdvanced: { enabled: false },
      egressFilter: { enabled: true },
      shinyAuthentication: { enabled: true, mfa: "ON" },
      readOnlyRootFilesystem: true,
    });
  });

  it.each([
    [
      "an allowed domain with a scheme",
      { egressFilter: { allowedDomains: ["https://cran.r-project.org"] } },
      '`hardening.egressFilter.allowedDomains[0]` must match ^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$, got: "https://cran.r-project.org"',
    ],
    [
      "a wildcard inside a domain",
      { egressFilter: { allowedDomains: ["cran.*.org"] } },
      '`hardening.egressFilter.allowedDomains[0]` must match ^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$, got: "cran.*.org"',
    ],
    ["an empty allow-list", { egressFilter: { allowedDomains: [] } }, "`hardening.egressFilter.allowedDomains` must list at least 1 item(s), got: []"],
    [
      "a domain listed twice",
      { egressFilter: { allowedDomains: ["github.com", "github.com"] } },
      '`hardening.egressFilter.allowedDomains[1]` duplicates hardening.egressFilter.allowedDomains[0], got: "github.com"',
    ],
    ["an unknown MFA mode", { shinyAuthentication: { mfa: "SMS" } }, '`hardening.shinyAuthentication.mfa` must be one of "ON", "OPTIONAL", got: "SMS"'],
    ["a trail retention of zero days", { cloudTrail: { retentionDays: 0 } }, "`hardening.cloudTrail.retentionDays` must be at least 1, got: 0"],
    ["an unknown control", { firewall: true }, "`hardening.firewall` is not a known field, got: true"],
  ])("rejects %s", (_name, hardening, expected) => {
    expect(problemsOf(hardening)).toEqual([expected]);
  });

  it("rejects a name prefix Cognito refuses in a domain while Shiny sign-in is on, and accepts it while off", () => {
    expect(problemsOf({}, "my-aws-lab")).toEqual([
      '`namePrefix` must not contain "aws" while hardening.shinyAuthentication is enabled (it starts the Cognito domain), got: "my-aws-lab"',
    ]);
    expect(loadEnvironment({ ...minimalInput(), namePrefix: "my-aws-lab", hardening: { shinyAuthentication: { enabled: false } } }).namePrefix).toBe("my-aws-lab");
  });
});

describe("account-wide resources across environments", () => {
  it("refuses two environments in one account and region that both manage the GuardDuty detector", () => {
    const one = environment("one", "123456789012", "eu-central-1", { cloudTrail: { manageTrail: false } });
    const two = environment("two", "123456789012", "eu-central-1", { cloudTrail: { manageTrail: true } });
    expect(() => loadEnvironments([one, two])).toThrow(
      'environment "two" is invalid:\n  - `hardening.guardDuty.manageDetector` is also true in environment "one" (one GuardDuty detector per account and region: 123456789012/eu-central-1); set it to false in all but one of them, got: true',
    );
  });

  it("lets each region of an account have its own detector, but the account only one trail", () => {
    const one = environment("one", "123456789012", "eu-central-1", {});
    const two = environment("two", "123456789012", "eu-west-1", { cloudTrail: { manageTrail: false } });
    expect(loadEnvironments([one, two]).map((config) => config.name)).toEqual(["one", "two"]);
    const three = environment("three", "123456789012", "us-east-1", {});
    expect(() => loadEnvironments([one, two, three])).toThrow(
      'environment "three" is invalid:\n  - `hardening.cloudTrail.manageTrail` is also true in environment "one" (one multi-region trail per account: 123456789012); set it to false in all but one of them, got: true',
    );
  });

  it("refuses an account (or account and region) where no environment manages the control", () => {
    const one = environment("one", "123456789012", "eu-central-1", { guardDuty: { manageDetector: false } });
    const two = environment("two", "123456789012", "eu-central-1", { guardDuty: { manageDetector: false }, cloudTrail: { manageTrail: false } });
    expect(() => loadEnvironments([one, two])).toThrow(
      'environment "one" is invalid:\n  - `hardening.guardDuty.manageDetector` is false in every environment of 123456789012/eu-central-1 (one, two): one GuardDuty detector per account and region; set it to true in one of them, got: false',
    );
  });

  it("lets environments in different accounts each manage their own", () => {
    const one = environment("one", "123456789012", "eu-central-1", {});
    const two = environment("two", "210987654321", "eu-central-1", {});
    expect(loadEnvironments([one, two])).toHaveLength(2);
  });

  it("gives the shared dev and staging account exactly one owner of each", () => {
    const configs = loadEnvironments(environments).filter((config) => config.accountId === "111111111111");
    expect(configs.filter((config) => config.hardening.guardDuty.manageDetector).map((config) => config.name)).toEqual(["staging"]);
    expect(configs.filter((config) => config.hardening.cloudTrail.manageTrail).map((config) => config.name)).toEqual(["staging"]);
  });
});
