import { z } from "zod";
import { Path } from "./errors";
import { LIMITS } from "./limits";

/*
 * The hardening controls of an environment: account-level detection and audit (GuardDuty,
 * CloudTrail), DDoS protection (Shield Advanced), egress filtering for R sessions, sign-in in
 * front of Shiny and read-only root filesystems. Secure defaults; Shield Advanced is off because
 * it costs USD 3,000 a month per organization.
 */

/** A domain for a Route 53 Resolver DNS Firewall list: lower case, optionally `*.` for every subdomain. */
export const FIREWALL_DOMAIN_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * What R sessions may resolve when egress filtering is on: CRAN, Posit Package Manager (rocker
 * images install CRAN binaries from it), Bioconductor and GitHub. The region's AWS service
 * endpoints are always added by the network layer (modules/network/dns-firewall.ts).
 */
export const DEFAULT_ALLOWED_DOMAINS = [
  "cran.r-project.org",
  "cloud.r-project.org",
  "*.r-project.org",
  "p3m.dev",
  "packagemanager.posit.co",
  "bioconductor.org",
  "*.bioconductor.org",
  "github.com",
  "*.github.com",
  "*.githubusercontent.com",
] as const;

/** A DNS Firewall domain list holds at most 1,000 entries per API call; far more than an allow-list needs. */
const MAX_ALLOWED_DOMAINS = 1000;

/**
 * Who creates an account-wide control (the GuardDuty detector of an account and region, the
 * account's multi-region trail): this environment; another environment of this app in the same
 * account (and region); or AWS Organizations (a delegated administrator enables it for every
 * member account), in which case no environment of this app may create it.
 */
export const CONTROL_OWNERS = ["this-environment", "another-environment", "organization"] as const;
export type ControlOwner = (typeof CONTROL_OWNERS)[number];
const controlOwner = z.enum(CONTROL_OWNERS).default("this-environment");

/** Words AWS refuses in a Cognito domain prefix (the prefix starts with `namePrefix`). */
const COGNITO_RESERVED_WORDS = ["aws", "amazon", "cognito"] as const;

export const hardeningSchema = z
  .object({
    /**
     * GuardDuty has one detector per account and region. At most one environment in each account
     * and region creates it (`managedBy: "this-environment"`); its runtime monitoring covers every
     * Fargate task there, other environments' included.
     */
    guardDuty: z
      .object({
        /** @default "this-environment" */
        managedBy: controlOwner,
        /** ECS runtime monitoring with the GuardDuty agent managed on Fargate. @default true */
        runtimeMonitoring: z.boolean().default(true),
      })
      .strict()
      .default({}),
    /**
     * One multi-region trail records an account's management events in every region, so at most
     * one environment per account creates it (`managedBy: "this-environment"`).
     */
    cloudTrail: z
      .object({
        /** @default "this-environment" */
        managedBy: controlOwner,
        /** Days the trail's log files are kept in its bucket. @default 365 */
        retentionDays: z.number().int().min(LIMITS.auditRetentionDays.min).max(LIMITS.auditRetentionDays.max).default(365),
      })
      .strict()
      .default({}),
    /**
     * Shield Advanced protections for the load balancers and the hosted zone. Needs an active
     * Shield Advanced subscription (USD 3,000 a month per organization, one-year commitment).
     */
    shieldAdvanced: z
      .object({
        /** @default false */
        enabled: z.boolean().default(false),
      })
      .strict()
      .default({}),
    /**
     * Route 53 Resolver DNS Firewall on the VPC: names outside `allowedDomains` do not resolve.
     * DNS-level only: a connection to a literal IP address is not stopped.
     */
    egressFilter: z
      .object({
        /** @default true */
        enabled: z.boolean().default(true),
        /** Domains that resolve; `*.example.com` covers every subdomain (not the apex). @default DEFAULT_ALLOWED_DOMAINS */
        allowedDomains: z
          .array(z.string().regex(FIREWALL_DOMAIN_PATTERN, { message: `must match ${FIREWALL_DOMAIN_PATTERN.source}` }))
          .min(1)
          .max(MAX_ALLOWED_DOMAINS)
          .default([...DEFAULT_ALLOWED_DOMAINS]),
      })
      .strict()
      .default({}),
    /** Amazon Cognito sign-in at the load balancer before any request reaches Shiny. */
    shinyAuthentication: z
      .object({
        /** @default true */
        enabled: z.boolean().default(true),
        /** `ON`: every user sets up an authenticator app; `OPTIONAL`: users choose. @default "ON" */
        mfa: z.enum(["ON", "OPTIONAL"]).default("ON"),
        /** Cognito threat protection (Plus tier, billed per monthly active user): blocks risky sign-ins. @default true */
        threatProtection: z.boolean().default(true),
      })
      .strict()
      .default({}),
    /**
     * Shiny containers run with a read-only root filesystem and scratch volumes at the paths
     * Shiny Server, R, s6 and the ECS Exec agent write (the image must be prepared for it: see
     * README). RStudio cannot: its init sets the user's password in /etc/shadow at every start.
     * @default true
     */
    readOnlyRootFilesystem: z.boolean().default(true),
  })
  .strict();

export type HardeningSettings = z.output<typeof hardeningSchema>;

/** Cross-field rules of the hardening settings; `report` collects problems like the loader's. */
export function checkHardening(
  settings: { readonly namePrefix: string; readonly hardening: HardeningSettings },
  report: (path: Path, rule: string, value: unknown) => void,
): void {
  const { hardening } = settings;
  const seen = new Map<string, number>();
  hardening.egressFilter.allowedDomains.forEach((domain, index) => {
    const earlier = seen.get(domain);
    if (earlier !== undefined) {
      report(["hardening", "egressFilter", "allowedDomains", index], `duplicates hardening.egressFilter.allowedDomains[${earlier}]`, domain);
    } else {
      seen.set(domain, index);
    }
  });
  if (hardening.shinyAuthentication.enabled) {
    const word = COGNITO_RESERVED_WORDS.find((reserved) => settings.namePrefix.includes(reserved));
    if (word) {
      report(["namePrefix"], `must not contain "${word}" while hardening.shinyAuthentication is enabled (it starts the Cognito domain)`, settings.namePrefix);
    }
  }
}
