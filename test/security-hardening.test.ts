import { EnvironmentInput } from "../config/schema";
import { load, minimalInput } from "./support/environment";
import { policyStatements, resource, resources, synthEnvironment } from "./support/synth";

const TRAIL_ARN = "arn:${data.aws_partition.partition.partition}:cloudtrail:eu-central-1:123456789012:trail/rs-test-audit";

function withHardening(hardening: EnvironmentInput["hardening"], shiny?: EnvironmentInput["shiny"]): EnvironmentInput {
  return { ...minimalInput(), hardening, ...(shiny ? { shiny } : {}) };
}

const statement = (statements: any[], sid: string) => {
  const found = statements.find((s) => s.sid === sid);
  if (!found) throw new Error(`no statement ${sid}; have ${statements.map((s) => s.sid).join(", ")}`);
  return found;
};

describe("security layer hardening", () => {
  describe("by default (this environment owns the account's detector and trail; Shiny sign-in on)", () => {
    const { security } = synthEnvironment(load(minimalInput()));

    it("records every region's management events with log file validation, encrypted with the audit key", () => {
      expect(resource(security, "aws_cloudtrail", "audit_trail")).toMatchObject({
        count: 1,
        name: "rs-test-audit",
        is_multi_region_trail: true,
        include_global_service_events: true,
        enable_log_file_validation: true,
        enable_logging: true,
        kms_key_id: "${aws_kms_key.audit_kms_key[0].arn}",
        s3_bucket_name: "${aws_s3_bucket.audit_bucket_bucket[0].bucket}",
        depends_on: ["aws_s3_bucket_policy.audit_bucket_policy", "aws_iam_role_policy.audit_log_role_policy"],
      });
    });

    it("streams the trail to an encrypted log group through a role only this trail may assume", () => {
      expect(resource(security, "aws_cloudtrail", "audit_trail")).toMatchObject({
        cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.audit_log_group[0].arn}:*",
        cloud_watch_logs_role_arn: "${aws_iam_role.audit_log_role[0].arn}",
      });
      expect(resource(security, "aws_cloudwatch_log_group", "audit_log_group").kms_key_id).toBe("${aws_kms_key.kms_logs_key.arn}");
      expect(policyStatements(security, "audit_log_role_policy_document")).toEqual([
        expect.objectContaining({
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: ["${aws_cloudwatch_log_group.audit_log_group[0].arn}:log-stream:*"],
        }),
      ]);
      expect(policyStatements(security, "audit_log_role_trust")[0].condition).toEqual([
        { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
        { test: "ArnLike", variable: "aws:SourceArn", values: [expect.stringMatching(/:cloudtrail:.*:trail\/.*-audit$/)] },
      ]);
    });

    it("lets CloudTrail use the audit key for this trail only", () => {
      const statements = policyStatements(security, "audit_kms_policy");
      expect(statement(statements, "CloudTrailEncryptsThisTrailsLogs")).toMatchObject({
        actions: ["kms:GenerateDataKey"],
        principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
        condition: [
          { test: "StringEquals", variable: "aws:SourceArn", values: [TRAIL_ARN] },
          {
            test: "StringLike",
            variable: "kms:EncryptionContext:aws:cloudtrail:arn",
            values: ["arn:${data.aws_partition.partition.partition}:cloudtrail:*:123456789012:trail/*"],
          },
        ],
      });
      expect(statement(statements, "CloudTrailDescribesKey").condition).toEqual([
        { test: "StringEquals", variable: "aws:SourceArn", values: [TRAIL_ARN] },
      ]);
      expect(resource(security, "aws_kms_key", "audit_kms_key")).toMatchObject({
        count: 1,
        enable_key_rotation: true,
        lifecycle: { prevent_destroy: true },
        policy: "${data.aws_iam_policy_document.audit_kms_policy[0].json}",
      });
    });

    it("keeps the log files in a private, versioned, KMS-encrypted, TLS-only bucket CloudTrail writes for this trail only", () => {
      expect(resource(security, "aws_s3_bucket", "audit_bucket_bucket")).toMatchObject({
        count: 1,
        bucket: "rs-test-audit-123456789012-eu-central-1",
        lifecycle: { prevent_destroy: true },
      });
      expect(resource(security, "aws_s3_bucket_versioning", "audit_bucket_versioning").versioning_configuration.status).toBe("Enabled");
      expect(resource(security, "aws_s3_bucket_public_access_block", "audit_bucket_public_access_block")).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(resource(security, "aws_s3_bucket_server_side_encryption_configuration", "audit_bucket_encryption").rule[0]).toMatchObject({
        apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.audit_kms_key[0].arn}" },
      });
      const statements = policyStatements(security, "audit_bucket_policy_document");
      expect(statement(statements, "DenyInsecureTransport").effect).toBe("Deny");
      expect(statement(statements, "CloudTrailWritesLogFiles")).toMatchObject({
        actions: ["s3:PutObject"],
        resources: ["${aws_s3_bucket.audit_bucket_bucket[0].arn}/AWSLogs/123456789012/*"],
        condition: [
          { test: "StringEquals", variable: "aws:SourceArn", values: [TRAIL_ARN] },
          { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
        ],
      });
      expect(statement(statements, "CloudTrailChecksBucketAcl").condition).toEqual([
        { test: "StringEquals", variable: "aws:SourceArn", values: [TRAIL_ARN] },
      ]);
      const rules = resource(security, "aws_s3_bucket_lifecycle_configuration", "audit_bucket_lifecycle").rule;
      expect(rules.find((rule: any) => rule.id === "expire-log-files").expiration).toEqual([{ days: 365 }]);
    });

    it("enables the GuardDuty detector with ECS runtime monitoring and a managed Fargate agent", () => {
      expect(resource(security, "aws_guardduty_detector", "guardduty_detector")).toMatchObject({ count: 1, enable: true });
      expect(resource(security, "aws_guardduty_detector_feature", "guardduty_runtime_monitoring")).toEqual({
        count: 1,
        detector_id: "${aws_guardduty_detector.guardduty_detector[0].id}",
        name: "RUNTIME_MONITORING",
        status: "ENABLED",
        additional_configuration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }],
      });
    });

    it("lets the execution roles pull the GuardDuty agent from its repository only", () => {
      for (const service of ["rstudio", "shiny"]) {
        expect(statement(policyStatements(security, `${service}_execution_policy_document`), "PullGuardDutyAgent")).toEqual({
          sid: "PullGuardDutyAgent",
          actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          resources: ["arn:${data.aws_partition.partition.partition}:ecr:eu-central-1:*:repository/aws-guardduty-agent-fargate"],
        });
      }
    });

    it("creates a Cognito user pool for Shiny: admin-created users, strong passwords, MFA, threat protection", () => {
      expect(resource(security, "aws_cognito_user_pool", "shiny_sign_in_user_pool")).toMatchObject({
        count: 1,
        name: "rs-test-shiny",
        deletion_protection: "ACTIVE",
        user_pool_tier: "PLUS",
        user_pool_add_ons: { advanced_security_mode: "ENFORCED" },
        admin_create_user_config: { allow_admin_create_user_only: true },
        mfa_configuration: "ON",
        software_token_mfa_configuration: { enabled: true },
        password_policy: { minimum_length: 14, require_lowercase: true, require_uppercase: true, require_numbers: true, require_symbols: true },
        lifecycle: { prevent_destroy: true },
      });
      expect(resource(security, "aws_cognito_user_pool_domain", "shiny_sign_in_domain").domain).toBe("rs-test-shiny-123456789012");
    });

    it("gives the load balancer an OAuth code-flow client that returns to the Shiny host's /oauth2/idpresponse", () => {
      expect(resource(security, "aws_cognito_user_pool_client", "shiny_sign_in_client")).toMatchObject({
        count: 1,
        generate_secret: true,
        allowed_oauth_flows_user_pool_client: true,
        allowed_oauth_flows: ["code"],
        allowed_oauth_scopes: ["openid", "email"],
        callback_urls: ["https://shiny.example.org/oauth2/idpresponse"],
        supported_identity_providers: ["COGNITO"],
      });
      expect(resource(security, "aws_vpc_security_group_egress_rule", "shiny_sign_in_alb_to_cognito")).toMatchObject({
        count: 1,
        security_group_id: "${aws_security_group.security_groups_alb.id}",
        from_port: 443,
        to_port: 443,
      });
    });

    it("publishes the user pool, client and domain through the security contract", () => {
      expect(security.output?.shiny_user_pool_arn.value).toBe('${join("", aws_cognito_user_pool.shiny_sign_in_user_pool[*].arn)}');
      expect(security.output?.shiny_user_pool_client_id.value).toBe('${join("", aws_cognito_user_pool_client.shiny_sign_in_client[*].id)}');
      expect(security.output?.shiny_user_pool_domain.value).toBe('${join("", aws_cognito_user_pool_domain.shiny_sign_in_domain[*].domain)}');
    });
  });

  describe("in an environment that leaves the account's detector and trail to another and has no Shiny sign-in", () => {
    const { security } = synthEnvironment(
      load(withHardening({ guardDuty: { managedBy: "another-environment" }, cloudTrail: { managedBy: "organization" }, shinyAuthentication: { enabled: false } })),
    );

    it.each([
      ["aws_cloudtrail", "audit_trail"],
      ["aws_kms_key", "audit_kms_key"],
      ["aws_kms_alias", "audit_kms_alias"],
      ["aws_s3_bucket", "audit_bucket_bucket"],
      ["aws_s3_bucket_policy", "audit_bucket_policy"],
      ["aws_guardduty_detector", "guardduty_detector"],
      ["aws_guardduty_detector_feature", "guardduty_runtime_monitoring"],
      ["aws_cognito_user_pool", "shiny_sign_in_user_pool"],
      ["aws_cognito_user_pool_client", "shiny_sign_in_client"],
      ["aws_cognito_user_pool_domain", "shiny_sign_in_domain"],
      ["aws_vpc_security_group_egress_rule", "shiny_sign_in_alb_to_cognito"],
    ])("creates no %s.%s", (type, name) => {
      expect(resource(security, type, name).count).toBe(0);
    });
  });

  it("switches runtime monitoring off explicitly on a managed detector", () => {
    const { security } = synthEnvironment(load(withHardening({ guardDuty: { runtimeMonitoring: false } })));
    const feature = resource(security, "aws_guardduty_detector_feature", "guardduty_runtime_monitoring");
    expect(feature).toMatchObject({ count: 1, status: "DISABLED", additional_configuration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "DISABLED" }] });
  });

  it("keeps the trail's log files as long as the environment says", () => {
    const { security } = synthEnvironment(load(withHardening({ cloudTrail: { retentionDays: 2557 } })));
    const rules = resource(security, "aws_s3_bucket_lifecycle_configuration", "audit_bucket_lifecycle").rule;
    expect(rules.find((rule: any) => rule.id === "expire-log-files").expiration).toEqual([{ days: 2557 }]);
  });

  it("uses the Essentials tier without threat protection, and optional MFA, when asked", () => {
    const { security } = synthEnvironment(load(withHardening({ shinyAuthentication: { mfa: "OPTIONAL", threatProtection: false } })));
    expect(resource(security, "aws_cognito_user_pool", "shiny_sign_in_user_pool")).toMatchObject({
      user_pool_tier: "ESSENTIALS",
      user_pool_add_ons: { advanced_security_mode: "OFF" },
      mfa_configuration: "OPTIONAL",
    });
  });

  it("creates no user pool when Shiny itself is off", () => {
    const { security } = synthEnvironment(load(withHardening({}, { enabled: false })));
    expect(resource(security, "aws_cognito_user_pool", "shiny_sign_in_user_pool").count).toBe(0);
    expect(Object.keys(resources(security, "aws_cloudtrail"))).toEqual(["audit_trail"]);
  });
});
