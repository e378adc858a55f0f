import { DEFAULT_ALLOWED_DOMAINS } from "../config/hardening";
import { EnvironmentConfig, loadEnvironment } from "../config/load";
import { EnvironmentInput } from "../config/schema";
import { environments } from "../environments";
import { loadEnvironments } from "../stacks/app";
import { minimalInput, problemsOf } from "./support/environment";

function hardeningProblems(hardening: unknown, namePrefix?: string): readonly string[] {
  return problemsOf({ ...minimalInput(), hardening, ...(namePrefix ? { namePrefix } : {}) });
}

const environment = (name: string, accountId: string, region: string, hardening: EnvironmentInput["hardening"]): EnvironmentInput => ({
  ...minimalInput(),
  name,
  accountId,
  region,
  namePrefix: `rs-${name}`,
  dns: { ...minimalInput().dns, rstudioDomain: `rstudio.${name}.example.org`, shinyDomain: `shiny.${name}.example.org` },
  network: { ...minimalInput().network, availabilityZones: [`${region}a`, `${region}b`] },
  hardening,
});

describe("hardening settings", () => {
  it("default to every cheap control on and Shield Advanced off", () => {
    expect(loadEnvironment(minimalInput()).hardening).toEqual({
      guardDuty: { managedBy: "this-environment", runtimeMonitoring: true },
      cloudTrail: { managedBy: "this-environment", retentionDays: 365 },
      shieldAdvanced: { enabled: false },
      egressFilter: { enabled: true, allowedDomains: [...DEFAULT_ALLOWED_DOMAINS] },
      shinyAuthentication: { enabled: true, mfa: "ON", threatProtection: true },
      readOnlyRootFilesystem: true,
    });
  });

  it("are on in prod, Shield Advanced aside", () => {
    const prod = loadEnvironments(environments).find((config) => config.name === "prod")!;
    expect(prod.hardening).toMatchObject({
      guardDuty: { managedBy: "this-environment", runtimeMonitoring: true },
      cloudTrail: { managedBy: "this-environment" },
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
    expect(hardeningProblems(hardening)).toEqual([expected]);
  });

  it("rejects a name prefix Cognito refuses in a domain while Shiny sign-in is on, and accepts it while off", () => {
    expect(hardeningProblems({}, "my-aws-lab")).toEqual([
      '`namePrefix` must not contain "aws" while hardening.shinyAuthentication is enabled (it starts the Cognito domain), got: "my-aws-lab"',
    ]);
    expect(loadEnvironment({ ...minimalInput(), namePrefix: "my-aws-lab", hardening: { shinyAuthentication: { enabled: false } } }).namePrefix).toBe("my-aws-lab");
  });
});

describe("account-wide resources across environments", () => {
  const elsewhere = { guardDuty: { managedBy: "another-environment" }, cloudTrail: { managedBy: "another-environment" } } as const;

  it("refuses two environments in one account and region that both create the GuardDuty detector", () => {
    const one = environment("one", "123456789012", "eu-central-1", { cloudTrail: { managedBy: "another-environment" } });
    const two = environment("two", "123456789012", "eu-central-1", {});
    expect(() => loadEnvironments([one, two])).toThrow(
      'environment "two" is invalid:\n  - `hardening.guardDuty.managedBy` is also "this-environment" in environment "one"; only one environment may create it (one GuardDuty detector per account and region: 123456789012/eu-central-1), got: "this-environment"',
    );
  });

  it("lets each region of an account have its own detector, but the account only one trail", () => {
    const one = environment("one", "123456789012", "eu-central-1", {});
    const two = environment("two", "123456789012", "eu-west-1", { cloudTrail: { managedBy: "another-environment" } });
    expect(loadEnvironments([one, two]).map((config) => config.name)).toEqual(["one", "two"]);
    const three = environment("three", "123456789012", "us-east-1", {});
    expect(() => loadEnvironments([one, two, three])).toThrow(
      'environment "three" is invalid:\n  - `hardening.cloudTrail.managedBy` is also "this-environment" in environment "one"; only one environment may create it (one multi-region trail per account: 123456789012), got: "this-environment"',
    );
  });

  it("refuses relying on another environment where no environment of the app creates the control", () => {
    const one = environment("one", "123456789012", "eu-central-1", elsewhere);
    const two = environment("two", "123456789012", "eu-central-1", elsewhere);
    expect(() => loadEnvironments([one, two])).toThrow(
      'environment "one" is invalid:\n  - `hardening.guardDuty.managedBy` is "another-environment", but no environment of this app creates it there; set one of them to "this-environment", or say "organization" (one GuardDuty detector per account and region: 123456789012/eu-central-1), got: "another-environment"',
    );
  });

  it("accepts controls the organization manages, where no environment creates them", () => {
    const organization = { guardDuty: { managedBy: "organization" }, cloudTrail: { managedBy: "organization" } } as const;
    const one = environment("one", "123456789012", "eu-central-1", organization);
    const two = environment("two", "123456789012", "eu-central-1", organization);
    expect(loadEnvironments([one, two])).toHaveLength(2);
    expect(() => loadEnvironments([one, environment("three", "123456789012", "eu-central-1", { cloudTrail: { managedBy: "organization" } })])).toThrow(
      'environment "three" is invalid:\n  - `hardening.guardDuty.managedBy` must not be "this-environment" while environment "one" says the organization manages it (one GuardDuty detector per account and region: 123456789012/eu-central-1), got: "this-environment"',
    );
  });

  it("rejects an unknown owner naming the field", () => {
    expect(hardeningProblems({ guardDuty: { managedBy: "staging" } })).toEqual([
      '`hardening.guardDuty.managedBy` must be one of "this-environment", "another-environment", "organization", got: "staging"',
    ]);
  });

  it("lets environments in different accounts each create their own", () => {
    const one = environment("one", "123456789012", "eu-central-1", {});
    const two = environment("two", "210987654321", "eu-central-1", {});
    expect(loadEnvironments([one, two])).toHaveLength(2);
  });

  it("gives the shared dev and staging account exactly one creator of each", () => {
    const configs = loadEnvironments(environments).filter((config) => config.accountId === "111111111111");
    const creators = (owner: (config: EnvironmentConfig) => string) =>
      configs.filter((config) => owner(config) === "this-environment").map((config) => config.name);
    expect(creators((config) => config.hardening.guardDuty.managedBy)).toEqual(["staging"]);
    expect(creators((config) => config.hardening.cloudTrail.managedBy)).toEqual(["staging"]);
  });
});
