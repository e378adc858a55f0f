import { load, fullInput, minimalInput, withUsers } from "./support/environment";
import { allPolicyStatements, policyStatements, resource, resources, synthEnvironment } from "./support/synth";

describe("security layer", () => {
  describe("with minimal props (no users)", () => {
    const { security } = synthEnvironment(load(minimalInput()));

    it("has one rotating, protected customer-managed key per purpose", () => {
      const keys = resources(security, "aws_kms_key");
      expect(Object.keys(keys).sort()).toEqual(["kms_exec_key", "kms_logs_key", "kms_secrets_key", "kms_storage_key"]);
      for (const key of Object.values(keys)) {
        expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
      }
    });

    it("creates no secrets and no rotation function without users", () => {
      expect(resources(security, "aws_secretsmanager_secret")).toEqual({});
      expect(resources(security, "aws_lambda_function")).toEqual({});
      expect(security.output?.rstudio_password_secret_arns.value).toEqual({});
    });

    it("opens the load balancer to the allowed client networks only", () => {
      const ingress = resources(security, "aws_vpc_security_group_ingress_rule");
      const albRules = Object.values(ingress).filter((rule: any) => rule.security_group_id === "${aws_security_group.security_groups_alb.id}");
      expect(albRules.map((rule: any) => [rule.from_port, rule.cidr_ipv4]).sort()).toEqual([
        [443, "192.0.2.0/24"],
        [80, "192.0.2.0/24"],
      ]);
    });

    it("chains the task and EFS groups to each other, never to the world", () => {
      const ingress = resources(security, "aws_vpc_security_group_ingress_rule");
      expect(ingress.security_groups_rstudio_from_alb).toMatchObject({
        from_port: 8787,
        referenced_security_group_id: "${aws_security_group.security_groups_alb.id}",
      });
      expect(ingress.security_groups_shiny_from_alb).toMatchObject({ from_port: 3838 });
      expect(ingress.security_groups_efs_from_rstudio).toMatchObject({
        from_port: 2049,
        referenced_security_group_id: "${aws_security_group.security_groups_rstudio.id}",
      });
      for (const [name, rule] of Object.entries(ingress)) {
        if (!name.startsWith("security_groups_alb_")) expect(rule.cidr_ipv4).toBeUndefined();
        expect(rule.description).toEqual(expect.any(String));
      }
    });

    it("uses the four AWS managed rule groups and a rate limit, logging to an encrypted aws-waf-logs- group", () => {
      const acl = resource(security, "aws_wafv2_web_acl", "waf_web_acl");
      const groups = acl.rule
        .filter((rule: any) => rule.statement.managed_rule_group_statement)
        .map((rule: any) => rule.statement.managed_rule_group_statement.name);
      expect(groups).toEqual([
        "AWSManagedRulesAmazonIpReputationList",
        "AWSManagedRulesAnonymousIpList",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesCommonRuleSet",
      ]);
      const rate = acl.rule.find((rule: any) => rule.statement.rate_based_statement);
      expect(rate.statement.rate_based_statement).toEqual({ limit: 2000, aggregate_key_type: "IP" });
      expect(acl.rule.find((rule: any) => rule.name === "block-outside-allow-list")).toBeUndefined();
      expect(resource(security, "aws_cloudwatch_log_group", "waf_log_group")).toMatchObject({
        name: "aws-waf-logs-rs-test",
        kms_key_id: "${aws_kms_key.kms_logs_key.arn}",
      });
      expect(resource(security, "aws_wafv2_web_acl_logging_configuration", "waf_logging").redacted_fields).toHaveLength(2);
    });

    it("lets RStudio upload files: the Common rule set only counts oversized bodies", () => {
      const acl = resource(security, "aws_wafv2_web_acl", "waf_web_acl");
      const common = acl.rule.find((rule: any) => rule.name === "AWSManagedRulesCommonRuleSet");
      expect(common.statement.managed_rule_group_statement.rule_action_override).toEqual([
        { name: "SizeRestrictions_BODY", action_to_use: { count: {} } },
      ]);
    });

    it("validates the certificate for the RStudio wildcard and the Shiny host through Route 53", () => {
      const certificate = resource(security, "aws_acm_certificate", "certificate_certificate");
      expect(certificate).toMatchObject({
        domain_name: "*.rstudio.example.org",
        subject_alternative_names: ["shiny.example.org"],
        validation_method: "DNS",
      });
      const records = resource(security, "aws_route53_record", "certificate_validation_record");
      expect(records.zone_id).toBe("Z123TEST");
      expect(records.for_each).toContain("val.domain_name => val");
      expect(security.output?.certificate_arn.value).toBe("${aws_acm_certificate_validation.certificate_validation.certificate_arn}");
    });
  });

  describe("with full props", () => {
    const { security } = synthEnvironment(load(fullInput()));

    it("blocks everything outside the WAF allow-list first", () => {
      const acl = resource(security, "aws_wafv2_web_acl", "waf_web_acl");
      expect(acl.rule[0]).toMatchObject({ name: "block-outside-allow-list", priority: 0, action: { block: {} } });
      expect(resource(security, "aws_wafv2_ip_set", "waf_allow_list").addresses).toEqual(["192.0.2.0/24"]);
    });

    it("keeps one KMS-encrypted secret per user with no value in Terraform", () => {
      const secrets = resources(security, "aws_secretsmanager_secret");
      expect(Object.keys(secrets).sort()).toEqual(["passwords_ada_secret", "passwords_grace_secret"]);
      expect(secrets.passwords_ada_secret).toMatchObject({
        name: "rs-test/rstudio/ada/password",
        kms_key_id: "${aws_kms_key.kms_secrets_key.arn}",
      });
      expect(resources(security, "aws_secretsmanager_secret_version")).toEqual({});
    });

    it("generates each password by an immediate rotation on the configured schedule", () => {
      const rotation = resource(security, "aws_secretsmanager_secret_rotation", "passwords_grace_rotation");
      expect(rotation).toMatchObject({
        rotate_immediately: true,
        rotation_rules: { automatically_after_days: 30 },
        rotation_lambda_arn: "${aws_lambda_function.passwords_rotation_function.arn}",
      });
      const fn = resource(security, "aws_lambda_function", "passwords_rotation_function");
      expect(fn).toMatchObject({ runtime: "nodejs20.x", tracing_config: { mode: "Active" }, reserved_concurrent_executions: 5 });
    });

    it("lets only the RStudio execution role read the passwords", () => {
      const read = policyStatements(security, "rstudio_execution_policy_document").find((s) => s.sid === "ReadPasswords");
      expect(read.resources.sort()).toEqual([
        "${aws_secretsmanager_secret.passwords_ada_secret.arn}",
        "${aws_secretsmanager_secret.passwords_grace_secret.arn}",
      ]);
      const shiny = policyStatements(security, "shiny_execution_policy_document");
      expect(shiny.find((s) => s.sid === "ReadPasswords")).toBeUndefined();
    });

    it("gives the task roles ECS Exec and read-only data access", () => {
      const statements = policyStatements(security, "rstudio_task_policy_document");
      expect(statements.find((s) => s.sid === "EcsExecChannels").actions).toContain("ssmmessages:OpenDataChannel");
      expect(statements.find((s) => s.sid === "ReadData").resources).toEqual([
        "arn:${data.aws_partition.partition.partition}:s3:::rs-test-data-123456789012-eu-central-1/*",
      ]);
    });
  });

  it("allows no wildcard action in any allow statement", () => {
    const { network, security } = synthEnvironment(load(withUsers(fullInput(), "ada")));
    for (const statement of [...allPolicyStatements(network), ...allPolicyStatements(security)]) {
      if ((statement.effect ?? "Allow") !== "Allow") continue;
      for (const action of statement.actions) expect(action).not.toContain("*");
    }
  });

  it("leaves the RStudio wildcard off the certificate when RStudio is disabled", () => {
    const input = minimalInput();
    input.rstudio = { enabled: false };
    const { security } = synthEnvironment(load(input));
    const certificate = resource(security, "aws_acm_certificate", "certificate_certificate");
    expect(certificate.domain_name).toBe("shiny.example.org");
    expect(certificate.subject_alternative_names).toEqual([]);
  });
});
