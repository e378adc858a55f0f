import { load, fullInput, minimalInput, withUsers } from "./support/environment";
import { allPolicyStatements, policyStatements, resource, resources, synthEnvironment } from "./support/synth";

describe("security layer", () => {
  describe("with minimal props (no users)", () => {
    const { security } = synthEnvironment(load(minimalInput()));

    it("has one rotating, protected customer-managed key per purpose", () => {
      const keys = resources(security, "aws_kms_key");
      expect(Object.keys(keys).sort()).toEqual(["audit_kms_key", "kms_exec_key", "kms_logs_key", "kms_secrets_key", "kms_storage_key"]);
      for (const key of Object.values(keys)) {
        expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
      }
    });

    it("creates no secrets and no rotation function without users", () => {
      expect(resource(security, "aws_secretsmanager_secret", "passwords_secret").for_each).toEqual({});
      expect(resource(security, "aws_lambda_function", "passwords_rotation_function").count).toBe(0);
      expect(resource(security, "aws_iam_role_policy", "passwords_read_passwords").count).toBe(0);
    });

    it("opens the load balancer to the allowed client networks only, one rule per network", () => {
      const ingress = resources(security, "aws_vpc_security_group_ingress_rule");
      for (const [name, port] of [["security_groups_alb_https_from_clients", 443], ["security_groups_alb_http_from_clients", 80]] as const) {
        expect(ingress[name]).toMatchObject({
          for_each: '${toset(["192.0.2.0/24"])}',
          from_port: port,
          cidr_ipv4: "${each.value}",
          security_group_id: "${aws_security_group.security_groups_alb.id}",
        });
      }
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
        // Client networks reach only the load balancer and the SFTP endpoint.
        if (!/^security_groups_(alb|sftp)_from_clients$|^security_groups_alb_https?_from_clients$/.test(name)) expect(rule.cidr_ipv4).toBeUndefined();
        expect(rule.description).toEqual(expect.any(String));
      }
      const egress = resources(security, "aws_vpc_security_group_egress_rule");
      const world = Object.entries(egress).filter(([, rule]) => rule.cidr_ipv4 === "0.0.0.0/0");
      expect(world.map(([name, rule]) => [name, rule.from_port])).toEqual([
        ["security_groups_rstudio_https_out", 443],
        ["security_groups_shiny_https_out", 443],
        ["security_groups_sync_function_https_out", 443],
        // The load balancer redeems Shiny sign-in codes at Cognito's token endpoint.
        ["shiny_sign_in_alb_to_cognito", 443],
      ]);
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
      expect(acl.dynamic.rule.for_each).toEqual([]);
      expect(resource(security, "aws_wafv2_ip_set", "waf_allow_list").count).toBe(0);
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
      const records = resource(security, "aws_route53_record", "certificate_validation");
      expect(records.zone_id).toBe("Z123TEST");
      // Keyed by purpose, known at plan time; each record picks its own validation option.
      expect(records.for_each).toEqual({ rstudio: "*.rstudio.example.org", shiny: "shiny.example.org" });
      expect(records.name).toBe(
        "${one([for option in aws_acm_certificate.certificate_certificate.domain_validation_options : option.resource_record_name if option.domain_name == each.value])}",
      );
      expect(security.output?.certificate_arn.value).toBe("${aws_acm_certificate_validation.certificate_certificate_validation.certificate_arn}");
    });
  });

  describe("with full props", () => {
    const { security } = synthEnvironment(load(fullInput()));

    it("blocks everything outside the WAF allow-list first", () => {
      const acl = resource(security, "aws_wafv2_web_acl", "waf_web_acl");
      expect(acl.dynamic.rule).toMatchObject({
        for_each: ["block-outside-allow-list"],
        content: { name: "block-outside-allow-list", priority: 0, action: { block: {} } },
      });
      expect(resource(security, "aws_wafv2_ip_set", "waf_allow_list")).toMatchObject({ count: 1, addresses: ["192.0.2.0/24"] });
    });

    it("keeps one KMS-encrypted secret per user with no value in Terraform", () => {
      const secret = resource(security, "aws_secretsmanager_secret", "passwords_secret");
      expect(Object.keys(secret.for_each)).toEqual(["ada", "grace"]);
      expect(secret).toMatchObject({
        name: "rs-test/rstudio/${each.key}/password",
        kms_key_id: "${aws_kms_key.kms_secrets_key.arn}",
      });
      expect(resources(security, "aws_secretsmanager_secret_version")).toEqual({});
    });

    it("generates each password by an immediate rotation on the configured schedule", () => {
      const rotation = resource(security, "aws_secretsmanager_secret_rotation", "passwords_rotation");
      expect(rotation).toMatchObject({
        for_each: "${aws_secretsmanager_secret.passwords_secret}",
        secret_id: "${each.value.id}",
        rotate_immediately: true,
        rotation_rules: { automatically_after_days: 30 },
        rotation_lambda_arn: "${aws_lambda_function.passwords_rotation_function[0].arn}",
      });
      const fn = resource(security, "aws_lambda_function", "passwords_rotation_function");
      expect(fn).toMatchObject({ count: 1, runtime: "nodejs22.x", tracing_config: { mode: "Active" } });
      expect(fn.filename).toMatch(/^\$\{path\.module\}\/assets\/passwords_rotation_code\/[0-9A-F]+\/archive\.zip$/);
    });

    it("lets only the RStudio execution role read the passwords", () => {
      const read = policyStatements(security, "passwords_read_passwords_document").find((s) => s.sid === "ReadPasswords");
      expect(read.resources).toEqual(
        "${[for key in sort(keys(aws_secretsmanager_secret.passwords_secret)) : aws_secretsmanager_secret.passwords_secret[key].arn]}",
      );
      expect(resource(security, "aws_iam_role_policy", "passwords_read_passwords")).toMatchObject({
        count: 1,
        role: "${aws_iam_role.rstudio_execution_role.id}",
      });
      for (const document of ["shiny_execution_policy_document", "shiny_task_policy_document", "rstudio_task_policy_document"]) {
        expect(policyStatements(security, document).flatMap((s) => s.actions)).not.toContain("secretsmanager:GetSecretValue");
      }
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
      expect(statement.actions.length).toBeGreaterThan(0);
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
