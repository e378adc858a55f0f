/**
 * A compliant and a non-compliant fixture for every rule of the policy pack: small Terraform JSON
 * stacks (as cdktf synthesizes them) in which the rule judges `target` (`<type>.<name>`, or
 * `environment` for environment rules).
 */
export type TerraformJson = { resource?: Record<string, Record<string, any>>; data?: Record<string, Record<string, any>> };

export interface RuleFixture {
  readonly target: string;
  readonly compliant: TerraformJson;
  readonly nonCompliant: TerraformJson;
  /** Evaluate as a production environment. @default false */
  readonly production?: boolean;
  /** Further cases the rule must pass, each named by what it shows. */
  readonly moreCompliant?: Readonly<Record<string, FixtureCase>>;
  /** Further cases the rule must fail, each named by what is wrong. */
  readonly moreNonCompliant?: Readonly<Record<string, FixtureCase>>;
}

/** A further case: a stack judged at the fixture's target, or at its own (another resource type). */
export type FixtureCase = TerraformJson | { readonly target: string; readonly json: TerraformJson };

export function caseOf(fixture: RuleFixture, extra: FixtureCase): { target: string; json: TerraformJson } {
  return "json" in extra ? extra : { target: fixture.target, json: extra };
}

/** Merges resource and data maps; a `null` block removes it. */
export function stack(...parts: TerraformJson[]): TerraformJson {
  const out: TerraformJson = { resource: {}, data: {} };
  for (const part of parts) {
    for (const kind of ["resource", "data"] as const) {
      for (const [type, blocks] of Object.entries(part[kind] ?? {})) {
        out[kind]![type] = { ...(out[kind]![type] ?? {}) };
        for (const [name, values] of Object.entries(blocks)) {
          if (values === null) delete out[kind]![type][name];
          else out[kind]![type][name] = values;
        }
      }
    }
  }
  return out;
}

const res = (type: string, name: string, values: Record<string, any> | null): TerraformJson => ({ resource: { [type]: { [name]: values } } });
const doc = (name: string, statement: Record<string, any>[]): TerraformJson => ({ data: { aws_iam_policy_document: { [name]: { statement } } } });

// ---------- S3 ----------
const BUCKET = "${aws_s3_bucket.b.id}";
const TLS_ONLY = {
  sid: "DenyInsecureTransport",
  effect: "Deny",
  actions: ["s3:*"],
  resources: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"],
  principals: [{ type: "*", identifiers: ["*"] }],
  condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
};
const bucket = (...overrides: TerraformJson[]) =>
  stack(
    res("aws_s3_bucket", "b", { bucket: "data" }),
    res("aws_s3_bucket_public_access_block", "b_pab", { bucket: BUCKET, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
    res("aws_s3_bucket_server_side_encryption_configuration", "b_sse", {
      bucket: BUCKET,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.k.arn}" } }],
    }),
    res("aws_s3_bucket_versioning", "b_versioning", { bucket: BUCKET, versioning_configuration: { status: "Enabled" } }),
    res("aws_s3_bucket_policy", "b_policy", { bucket: BUCKET, policy: "${data.aws_iam_policy_document.b_doc.json}" }),
    doc("b_doc", [TLS_ONLY]),
    // The logging of another bucket into this one must not count as this bucket's logging.
    res("aws_s3_bucket", "other", { bucket: "other" }),
    res("aws_s3_bucket_logging", "other_logs", { bucket: "${aws_s3_bucket.other.id}", target_bucket: "${aws_s3_bucket.b.id}" }),
    res("aws_s3_bucket_logging", "b_logs", { bucket: BUCKET, target_bucket: "logs", target_prefix: "b/" }),
    res("aws_s3_bucket_lifecycle_configuration", "b_lifecycle", {
      bucket: BUCKET,
      rule: [{ id: "abort", status: "Enabled", filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }],
    }),
    res("aws_s3_bucket_ownership_controls", "b_ownership", { bucket: BUCKET, rule: { object_ownership: "BucketOwnerEnforced" } }),
    ...overrides,
  );
const s3 = (nonCompliant: TerraformJson): RuleFixture => ({ target: "aws_s3_bucket.b", compliant: bucket(), nonCompliant: bucket(nonCompliant) });

// ---------- ALB and WAF ----------
const loadBalancer = (values: Record<string, any> = {}, ...more: TerraformJson[]) =>
  stack(
    res("aws_lb", "a", {
      load_balancer_type: "application",
      internal: false,
      drop_invalid_header_fields: true,
      access_logs: { bucket: "logs", enabled: true, prefix: "alb" },
      enable_deletion_protection: true,
      desync_mitigation_mode: "strictest",
      security_groups: ["${aws_security_group.alb.id}"],
      ...values,
    }),
    res("aws_wafv2_web_acl_association", "a_waf", { resource_arn: "${aws_lb.a.arn}", web_acl_arn: "${aws_wafv2_web_acl.w.arn}" }),
    res("aws_lb_listener", "https", { load_balancer_arn: "${aws_lb.a.arn}", protocol: "HTTPS", port: 443, ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }),
    res("aws_lb_listener", "http", {
      load_balancer_arn: "${aws_lb.a.arn}",
      protocol: "HTTP",
      port: 80,
      default_action: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } }],
    }),
    ...more,
  );
const listenerRule = (listener: string, action: Record<string, any>[]) =>
  res("aws_lb_listener_rule", "r", { listener_arn: `\${aws_lb_listener.${listener}.arn}`, priority: 10, action, condition: [{ path_pattern: { values: ["/*"] } }] });
const httpsListener = (sslPolicy: string) =>
  res("aws_lb_listener", "https", { load_balancer_arn: "${aws_lb.a.arn}", protocol: "HTTPS", port: 443, ssl_policy: sslPolicy });
const managed = (name: string, override: Record<string, any> = { none: {} }, ruleActionOverride: Record<string, any>[] = []) => ({
  name,
  priority: 10,
  override_action: override,
  statement: { managed_rule_group_statement: { name, vendor_name: "AWS", rule_action_override: ruleActionOverride } },
  visibility_config: { cloudwatch_metrics_enabled: true, metric_name: name, sampled_requests_enabled: true },
});
/** A rule of a managed group overridden to `action` (`count`, `allow`, `block`...). */
const ruleOverride = (rule: string, action: string) => ({ name: rule, action_to_use: { [action]: {} } });
const webAcl = (rules: Record<string, any>[] = [managed("AWSManagedRulesKnownBadInputsRuleSet"), managed("AWSManagedRulesAnonymousIpList")], logged = true) =>
  stack(
    res("aws_wafv2_web_acl", "w", { default_action: { allow: {} }, rule: rules }),
    logged ? res("aws_wafv2_web_acl_logging_configuration", "w_logs", { resource_arn: "${aws_wafv2_web_acl.w.arn}", log_destination_configs: ["x"] }) : {},
  );
/** The web ACL logged through a `logging_filter`. */
const loggedWith = (loggingFilter: Record<string, any>) =>
  stack(
    webAcl(),
    res("aws_wafv2_web_acl_logging_configuration", "w_logs", { resource_arn: "${aws_wafv2_web_acl.w.arn}", log_destination_configs: ["x"], logging_filter: loggingFilter }),
  );

// ---------- ECS ----------
const container = (extra: Record<string, any> = {}) => ({
  name: "app",
  image: "${data.terraform_remote_state.storage.outputs.repository_url}:1.0",
  essential: true,
  privileged: false,
  readonlyRootFilesystem: true,
  environment: [{ name: "MODE", value: "production" }],
  secrets: [{ name: "PASSWORD", valueFrom: "${aws_secretsmanager_secret.s[\"alice\"].arn}" }],
  ...extra,
});
const taskDefinition = (values: Record<string, any> = {}, containerExtra: Record<string, any> = {}) =>
  res("aws_ecs_task_definition", "t", {
    family: "app",
    container_definitions: JSON.stringify([container(containerExtra)]),
    execution_role_arn: "${aws_iam_role.execution.arn}",
    task_role_arn: "${aws_iam_role.task.arn}",
    volume: [{ name: "home", efs_volume_configuration: { file_system_id: "fs-1", transit_encryption: "ENABLED" } }],
    ...values,
  });
const cluster = (values: Record<string, any> = {}) =>
  res("aws_ecs_cluster", "c", {
    name: "c",
    setting: [{ name: "containerInsights", value: "enabled" }],
    configuration: {
      execute_command_configuration: {
        kms_key_id: "${aws_kms_key.exec.arn}",
        logging: "OVERRIDE",
        log_configuration: { cloud_watch_encryption_enabled: true, cloud_watch_log_group_name: "${aws_cloudwatch_log_group.exec.name}" },
      },
    },
    ...values,
  });
const service = (values: Record<string, any> = {}) =>
  res("aws_ecs_service", "s", { launch_type: "FARGATE", platform_version: "LATEST", network_configuration: { assign_public_ip: false, subnets: ["a"] }, ...values });

// ---------- IAM ----------
const rolePolicy = (statement: Record<string, any>[]) =>
  stack(res("aws_iam_role_policy", "p", { role: "r", policy: "${data.aws_iam_policy_document.p_doc.json}" }), doc("p_doc", statement));
const allow = (actions: string[], resources: string[]) => ({ actions, resources });
const SCOPED = allow(["s3:PutObject"], ["arn:aws:s3:::data/*"]);
/** A role policy whose document `p_doc` is written as JSON, not as a data source. */
const rolePolicyJson = (statement: Record<string, any>[]) =>
  stack(res("aws_iam_role_policy", "p", { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: statement }) }));
const TRUST = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } }] });
/** A role with inline policies; `p_doc` is the scoped document unless given. */
const roleWithInline = (inline: Record<string, any>[], document: Record<string, any> = { statement: [SCOPED] }) =>
  stack(res("aws_iam_role", "r", { assume_role_policy: TRUST, inline_policy: inline }), { data: { aws_iam_policy_document: { p_doc: document } } });
const attachment = (type: string, policyArn: string) =>
  stack(res(type, "a", { [type === "aws_iam_role_policy_attachment" ? "role" : type === "aws_iam_user_policy_attachment" ? "user" : "group"]: "x", policy_arn: policyArn }));
/** A role policy whose data source the reader cannot turn into statements. */
const unreadableRolePolicy = (document: Record<string, any>) =>
  stack(res("aws_iam_role_policy", "p", { role: "r", policy: "${data.aws_iam_policy_document.p_doc.json}" }), { data: { aws_iam_policy_document: { p_doc: document } } });
const UNREADABLE_DOCUMENTS: Record<string, Record<string, any>> = {
  "statements from a dynamic block": { dynamic: { statement: { for_each: "${var.statements}", content: { actions: "${statement.value.actions}", resources: ["*"] } } } },
  "a dynamic block inside a statement": { statement: [{ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::data/*"], dynamic: { condition: { for_each: "${var.conditions}", content: {} } } }] },
  "source_policy_documents": { source_policy_documents: ["${data.aws_iam_policy_document.other.json}"], statement: [SCOPED] },
  "override_policy_documents": { override_policy_documents: ["${var.extra_policy}"], statement: [SCOPED] },
  "source_json": { source_json: "${var.base_policy}", statement: [SCOPED] },
  "override_json": { override_json: "${var.override_policy}" },
};
const unreadable = (make: (document: Record<string, any>) => TerraformJson) =>
  Object.fromEntries(Object.entries(UNREADABLE_DOCUMENTS).map(([name, document]) => [`unreadable document: ${name}`, make(document)]));

// ---------- security groups ----------
const ingress = (port: number) =>
  stack(
    loadBalancer(),
    res("aws_security_group", "alb", { description: "load balancer", vpc_id: "v" }),
    res("aws_vpc_security_group_ingress_rule", "in", {
      security_group_id: "${aws_security_group.alb.id}",
      for_each: '${toset(["0.0.0.0/0"])}',
      cidr_ipv4: "${each.value}",
      ip_protocol: "tcp",
      from_port: port,
      to_port: port,
      description: "from the internet",
    }),
  );

/** An ingress rule to port 22 of a group that is no load balancer's. */
const ingressFrom = (values: Record<string, any>) =>
  res("aws_vpc_security_group_ingress_rule", "in", { security_group_id: "${aws_security_group.tasks.id}", ip_protocol: "tcp", from_port: 22, to_port: 22, description: "admin", ...values });

/** The RUNTIME_MONITORING feature of detector `d`, with GuardDuty managing the agent on Fargate. */
const runtimeMonitoring = (values: Record<string, any> = {}) =>
  res("aws_guardduty_detector_feature", "d_runtime", {
    detector_id: "${aws_guardduty_detector.d.id}",
    name: "RUNTIME_MONITORING",
    status: "ENABLED",
    additional_configuration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }],
    ...values,
  });

export const RULE_FIXTURES: Record<string, RuleFixture> = {
  S3_1: s3(res("aws_s3_bucket_public_access_block", "b_pab", { bucket: BUCKET, block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true })),
  S3_2: s3(res("aws_s3_bucket_server_side_encryption_configuration", "b_sse", { bucket: BUCKET, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] })),
  S3_3: s3(res("aws_s3_bucket_versioning", "b_versioning", { bucket: BUCKET, versioning_configuration: { status: "Suspended" } })),
  S3_4: {
    ...s3(doc("b_doc", [{ ...TLS_ONLY, condition: [] }])),
    moreCompliant: {
      "resource *": bucket(doc("b_doc", [{ ...TLS_ONLY, resources: ["*"] }])),
      "the bucket's literal ARN in any partition, principal AWS *": bucket(
        doc("b_doc", [{ ...TLS_ONLY, resources: ["arn:${data.aws_partition.current.partition}:s3:::data", "arn:aws:s3:::data/*"], principals: [{ type: "AWS", identifiers: ["*"] }] }]),
      ),
      "a bucket with count ([0])": bucket(doc("b_doc", [{ ...TLS_ONLY, resources: ["${aws_s3_bucket.b[0].arn}", "${aws_s3_bucket.b[0].arn}/*"] }])),
    },
    moreNonCompliant: {
      "objects only (no bucket ARN)": bucket(doc("b_doc", [{ ...TLS_ONLY, resources: ["${aws_s3_bucket.b.arn}/*"] }])),
      "the bucket only (no ARN/*)": bucket(doc("b_doc", [{ ...TLS_ONLY, resources: ["${aws_s3_bucket.b.arn}"] }])),
      "one prefix of objects": bucket(doc("b_doc", [{ ...TLS_ONLY, resources: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/uploads/*"] }])),
      "another bucket": bucket(doc("b_doc", [{ ...TLS_ONLY, resources: ["${aws_s3_bucket.other.arn}", "${aws_s3_bucket.other.arn}/*"] }])),
      "one principal, not *": bucket(doc("b_doc", [{ ...TLS_ONLY, principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }] }])),
      "aws:SecureTransport true": bucket(doc("b_doc", [{ ...TLS_ONLY, condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["true"] }] }])),
    },
  },
  S3_5: s3(res("aws_s3_bucket_logging", "b_logs", null)),
  S3_6: s3(res("aws_s3_bucket_lifecycle_configuration", "b_lifecycle", { bucket: BUCKET, rule: [{ id: "expire", status: "Enabled", filter: [{}], expiration: [{ days: 30 }] }] })),
  S3_7: s3(res("aws_s3_bucket_ownership_controls", "b_ownership", { bucket: BUCKET, rule: { object_ownership: "ObjectWriter" } })),
  S3_8: {
    ...s3(doc("b_doc", [TLS_ONLY, { actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.b.arn}/*"], principals: [{ type: "AWS", identifiers: ["*"] }] }])),
    moreNonCompliant: {
      ...unreadable((document) => bucket({ data: { aws_iam_policy_document: { b_doc: document } } })),
      "Allow with not_principals (everyone but one)": bucket(
        doc("b_doc", [TLS_ONLY, { actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.b.arn}/*"], not_principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }] }]),
      ),
    },
  },

  ALB_1: {
    target: "aws_lb_listener.https",
    compliant: loadBalancer(),
    nonCompliant: loadBalancer({}, httpsListener("ELBSecurityPolicy-2016-08")),
    moreCompliant: {
      "TLS13-1-3 (TLS 1.3 only)": loadBalancer({}, httpsListener("ELBSecurityPolicy-TLS13-1-3-2021-06")),
      "TLS-1-2-Ext": loadBalancer({}, httpsListener("ELBSecurityPolicy-TLS-1-2-Ext-2018-06")),
      "FS-1-2-Res": loadBalancer({}, httpsListener("ELBSecurityPolicy-FS-1-2-Res-2020-10")),
    },
    moreNonCompliant: {
      "TLS13-1-0 (TLS 1.3 offered, TLS 1.0 still accepted)": loadBalancer({}, httpsListener("ELBSecurityPolicy-TLS13-1-0-2021-06")),
      "TLS13-1-1 (TLS 1.1 still accepted)": loadBalancer({}, httpsListener("ELBSecurityPolicy-TLS13-1-1-2021-06")),
      "FS-1-1": loadBalancer({}, httpsListener("ELBSecurityPolicy-FS-1-1-2019-08")),
    },
  },
  ALB_2: {
    target: "aws_lb_listener.http",
    compliant: loadBalancer(),
    nonCompliant: loadBalancer({}, res("aws_lb_listener", "http", { load_balancer_arn: "${aws_lb.a.arn}", protocol: "HTTP", port: 80, default_action: [{ type: "forward", target_group_arn: "tg" }] })),
    moreCompliant: {
      "a forwarding rule on the HTTPS listener": loadBalancer({}, listenerRule("https", [{ type: "forward", target_group_arn: "tg" }])),
      "a redirecting or fixed-response rule on the HTTP listener": loadBalancer(
        {},
        listenerRule("http", [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }]),
        res("aws_lb_listener_rule", "health", { listener_arn: "${aws_lb_listener.http.arn}", action: [{ type: "fixed-response", fixed_response: { content_type: "text/plain", status_code: "200" } }] }),
      ),
    },
    moreNonCompliant: {
      "a rule of the HTTP listener forwards": loadBalancer({}, listenerRule("http", [{ type: "forward", target_group_arn: "tg" }])),
      "a rule of the HTTP listener signs users in": loadBalancer(
        {},
        listenerRule("http", [
          { type: "authenticate-oidc", order: 1, authenticate_oidc: { issuer: "https://idp" } },
          { type: "forward", order: 2, target_group_arn: "tg" },
        ]),
      ),
      "a rule of the HTTP listener with dynamic actions": loadBalancer(
        {},
        res("aws_lb_listener_rule", "r", { listener_arn: "${aws_lb_listener.http.arn}", dynamic: { action: { for_each: "${var.actions}", content: { type: "${action.value}" } } } }),
      ),
    },
  },
  ALB_3: { target: "aws_lb.a", compliant: loadBalancer(), nonCompliant: loadBalancer({ drop_invalid_header_fields: false }) },
  ALB_4: { target: "aws_lb.a", compliant: loadBalancer(), nonCompliant: loadBalancer({ access_logs: { bucket: "logs", enabled: false } }) },
  ALB_5: { target: "aws_lb.a", compliant: loadBalancer(), nonCompliant: loadBalancer({}, res("aws_wafv2_web_acl_association", "a_waf", null)) },
  ALB_6: { target: "aws_lb.a", production: true, compliant: loadBalancer(), nonCompliant: loadBalancer({ enable_deletion_protection: false }) },
  ALB_7: { target: "aws_lb.a", compliant: loadBalancer(), nonCompliant: loadBalancer({ desync_mitigation_mode: "monitor" }) },

  WAF_1: {
    target: "aws_wafv2_web_acl.w",
    compliant: webAcl(),
    nonCompliant: webAcl([managed("AWSManagedRulesKnownBadInputsRuleSet", { count: {} }), managed("AWSManagedRulesAnonymousIpList")]),
    moreCompliant: {
      "a rule overridden to block": webAcl([
        managed("AWSManagedRulesKnownBadInputsRuleSet", { none: {} }, [ruleOverride("Host_localhost_HEADER", "block")]),
        managed("AWSManagedRulesAnonymousIpList"),
      ]),
    },
    moreNonCompliant: {
      "Log4j rules overridden to count": webAcl([
        managed("AWSManagedRulesKnownBadInputsRuleSet", { none: {} }, [ruleOverride("Log4JRCE_HEADER", "count"), ruleOverride("Log4JRCE_BODY", "count")]),
        managed("AWSManagedRulesAnonymousIpList"),
      ]),
    },
  },
  WAF_2: {
    target: "aws_wafv2_web_acl.w",
    compliant: webAcl(),
    nonCompliant: webAcl([managed("AWSManagedRulesKnownBadInputsRuleSet")]),
    moreNonCompliant: {
      "the whole group overridden to count": webAcl([managed("AWSManagedRulesKnownBadInputsRuleSet"), managed("AWSManagedRulesAnonymousIpList", { count: {} })]),
      "AnonymousIPList overridden to count": webAcl([
        managed("AWSManagedRulesKnownBadInputsRuleSet"),
        managed("AWSManagedRulesAnonymousIpList", { none: {} }, [ruleOverride("AnonymousIPList", "count")]),
      ]),
      "HostingProviderIPList overridden to allow": webAcl([
        managed("AWSManagedRulesKnownBadInputsRuleSet"),
        managed("AWSManagedRulesAnonymousIpList", { none: {} }, [ruleOverride("HostingProviderIPList", "allow")]),
      ]),
    },
  },
  WAF_3: {
    target: "aws_wafv2_web_acl.w",
    compliant: webAcl(),
    nonCompliant: webAcl(undefined, false),
    moreCompliant: {
      "a filter that keeps blocked requests only": loggedWith({
        default_behavior: "DROP",
        filter: [{ behavior: "KEEP", requirement: "MEETS_ANY", condition: [{ action_condition: { action: "BLOCK" } }] }],
      }),
      "a filter that drops only counted requests": loggedWith({
        default_behavior: "KEEP",
        filter: [{ behavior: "DROP", requirement: "MEETS_ALL", condition: [{ action_condition: { action: "COUNT" } }] }],
      }),
    },
    moreNonCompliant: {
      "a filter that drops everything": loggedWith({ default_behavior: "DROP" }),
      "DROP by default, with DROP filters only": loggedWith({
        default_behavior: "DROP",
        filter: [{ behavior: "DROP", requirement: "MEETS_ANY", condition: [{ action_condition: { action: "ALLOW" } }] }],
      }),
    },
  },
  WAF_4: {
    target: "aws_wafv2_web_acl.w",
    compliant: webAcl(),
    nonCompliant: webAcl([managed("AWSManagedRulesKnownBadInputsRuleSet"), { name: "no-action", priority: 1, statement: { rate_based_statement: { limit: 100 } } }]),
  },

  ECS_1: { target: "aws_ecs_cluster.c", compliant: stack(cluster()), nonCompliant: stack(cluster({ setting: [{ name: "containerInsights", value: "disabled" }] })) },
  ECS_2: {
    target: "aws_ecs_cluster.c",
    compliant: stack(cluster()),
    nonCompliant: stack(cluster({ configuration: { execute_command_configuration: { kms_key_id: "k", logging: "DEFAULT" } } })),
  },
  ECS_3: { target: "aws_ecs_service.s", compliant: stack(service()), nonCompliant: stack(service({ network_configuration: { assign_public_ip: true, subnets: ["a"] } })) },
  ECS_4: {
    target: "aws_ecs_task_definition.t",
    compliant: stack(taskDefinition()),
    nonCompliant: stack(taskDefinition({ volume: [{ name: "home", efs_volume_configuration: { file_system_id: "fs-1", transit_encryption: "DISABLED" } }] })),
  },
  ECS_5: { target: "aws_ecs_task_definition.t", compliant: stack(taskDefinition()), nonCompliant: stack(taskDefinition({ task_role_arn: "${aws_iam_role.execution.arn}" })) },
  ECS_6: { target: "aws_ecs_task_definition.t", compliant: stack(taskDefinition()), nonCompliant: stack(taskDefinition({}, { privileged: true })) },
  ECS_7: {
    target: "aws_ecs_task_definition.t",
    compliant: stack(taskDefinition()),
    nonCompliant: stack(taskDefinition({}, { environment: [{ name: "DB_PASSWORD", value: "hunter2" }] })),
    moreCompliant: {
      "the working directory (PWD, OLDPWD) and pointers to secrets": stack(
        taskDefinition({}, {
          environment: [
            { name: "PWD", value: "/home/rstudio" },
            { name: "OLDPWD", value: "/" },
            { name: "DB_PASSWORD_NAME", value: "prod/rstudio/db-password" },
            { name: "API_TOKEN_ARN", value: "${aws_secretsmanager_secret.token.arn}" },
            { name: "TOKEN_FILE", value: "/run/secrets/token" },
            { name: "COMPASS_MODE", value: "north" },
          ],
        }),
      ),
    },
    moreNonCompliant: Object.fromEntries(
      (
        [
          ["MYSQL_PWD", "hunter2"],
          ["DB_PASS", "hunter2"],
          ["API_KEY", "abc123"],
          ["GITHUB_TOKEN", "not-a-real-token"],
          ["PRIVATE_KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"],
          ["DB_PASSWORD_NAME", "Zq8vR2mXw4Lp9TnB6cYd3HsK7gFj1AeU"],
          ["PWD", "Zq8vR2mXw4Lp9TnB6cYd3HsK7gFj1AeU"],
          ["TLS_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow..."],
        ] as const
      ).map(([name, value]) => [`${name}=${value.slice(0, 12)}...`, stack(taskDefinition({}, { environment: [{ name, value }] }))]),
    ),
  },
  ECS_8: { target: "aws_ecs_task_definition.t", compliant: stack(taskDefinition()), nonCompliant: stack(taskDefinition({}, { readonlyRootFilesystem: false })) },
  ECS_9: { target: "aws_ecs_task_definition.t", compliant: stack(taskDefinition()), nonCompliant: stack(taskDefinition({ pid_mode: "host" })) },
  ECS_10: { target: "aws_ecs_service.s", compliant: stack(service()), nonCompliant: stack(service({ platform_version: "1.3.0" })) },

  EFS_1: {
    target: "aws_efs_file_system.f",
    compliant: stack(res("aws_efs_file_system", "f", { encrypted: true, kms_key_id: "${aws_kms_key.k.arn}" })),
    nonCompliant: stack(res("aws_efs_file_system", "f", { encrypted: true })),
  },
  EFS_2: {
    target: "aws_efs_access_point.p",
    compliant: stack(res("aws_efs_access_point", "p", { file_system_id: "fs", root_directory: { path: "/home/alice" }, posix_user: { uid: 1000, gid: 1000 } })),
    nonCompliant: stack(res("aws_efs_access_point", "p", { file_system_id: "fs", root_directory: { path: "/" }, posix_user: { uid: 1000, gid: 1000 } })),
  },
  EFS_3: {
    target: "aws_efs_access_point.p",
    compliant: stack(res("aws_efs_access_point", "p", { file_system_id: "fs", root_directory: { path: "/home/alice" }, posix_user: { uid: 1000, gid: 1000 } })),
    nonCompliant: stack(res("aws_efs_access_point", "p", { file_system_id: "fs", root_directory: { path: "/home/alice" } })),
  },
  EFS_4: {
    target: "aws_efs_file_system.f",
    compliant: stack(
      res("aws_efs_file_system", "f", { encrypted: true, kms_key_id: "k" }),
      res("aws_backup_selection", "efs", { plan_id: "${aws_backup_plan.daily.id}", resources: ["${aws_efs_file_system.f.arn}"] }),
    ),
    nonCompliant: stack(res("aws_efs_file_system", "f", { encrypted: true, kms_key_id: "k" }), res("aws_backup_selection", "other", { resources: ["arn:aws:s3:::x"] })),
    moreNonCompliant: {
      "excluded by not_resources": stack(
        res("aws_efs_file_system", "f", { encrypted: true, kms_key_id: "k" }),
        res("aws_backup_selection", "all_but_efs", { plan_id: "${aws_backup_plan.daily.id}", resources: ["*"], not_resources: ["${aws_efs_file_system.f.arn}"] }),
      ),
      "in resources and in not_resources": stack(
        res("aws_efs_file_system", "f", { encrypted: true, kms_key_id: "k" }),
        res("aws_backup_selection", "efs", { plan_id: "${aws_backup_plan.daily.id}", resources: ["${aws_efs_file_system.f.arn}"], not_resources: ["${aws_efs_file_system.f.arn}"] }),
      ),
      "named only in a depends_on": stack(
        res("aws_efs_file_system", "f", { encrypted: true, kms_key_id: "k" }),
        res("aws_backup_selection", "other", { plan_id: "${aws_backup_plan.daily.id}", resources: ["arn:aws:s3:::x"], depends_on: ["aws_efs_file_system.f"] }),
      ),
    },
  },

  KMS_1: {
    target: "aws_kms_key.k",
    compliant: stack(res("aws_kms_key", "k", { enable_key_rotation: true, policy: "{}" })),
    nonCompliant: stack(res("aws_kms_key", "k", { enable_key_rotation: false, policy: "{}" })),
  },
  KMS_2: {
    target: "aws_kms_key.k",
    compliant: stack(
      res("aws_kms_key", "k", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.kp.json}" }),
      doc("kp", [{ actions: ["kms:*"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }] }]),
    ),
    nonCompliant: stack(
      res("aws_kms_key", "k", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.kp.json}" }),
      doc("kp", [{ actions: ["kms:Decrypt"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["*"] }] }]),
    ),
    moreNonCompliant: unreadable((document) =>
      stack(res("aws_kms_key", "k", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.kp.json}" }), { data: { aws_iam_policy_document: { kp: document } } }),
    ),
  },
  KMS_3: {
    target: "aws_kms_key.k",
    compliant: stack(res("aws_kms_key", "k", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.kp.json}" }), doc("kp", [])),
    nonCompliant: stack(res("aws_kms_key", "k", { enable_key_rotation: true })),
  },

  LOG_1: {
    target: "aws_cloudwatch_log_group.g",
    compliant: stack(res("aws_cloudwatch_log_group", "g", { retention_in_days: 30, kms_key_id: "k" })),
    nonCompliant: stack(res("aws_cloudwatch_log_group", "g", { kms_key_id: "k" })),
  },
  LOG_2: {
    target: "aws_cloudwatch_log_group.g",
    compliant: stack(res("aws_cloudwatch_log_group", "g", { retention_in_days: 30, kms_key_id: "k" })),
    nonCompliant: stack(res("aws_cloudwatch_log_group", "g", { retention_in_days: 30 })),
  },
  LOG_3: {
    target: "aws_cloudwatch_log_group.g",
    production: true,
    compliant: stack(res("aws_cloudwatch_log_group", "g", { retention_in_days: 731, kms_key_id: "k" })),
    nonCompliant: stack(res("aws_cloudwatch_log_group", "g", { retention_in_days: 90, kms_key_id: "k" })),
  },

  ECR_1: {
    target: "aws_ecr_repository.r",
    compliant: stack(res("aws_ecr_repository", "r", { image_scanning_configuration: { scan_on_push: true } })),
    nonCompliant: stack(res("aws_ecr_repository", "r", { image_scanning_configuration: { scan_on_push: false } })),
  },
  ECR_2: {
    target: "aws_ecr_repository.r",
    compliant: stack(res("aws_ecr_repository", "r", { image_tag_mutability: "IMMUTABLE" })),
    nonCompliant: stack(res("aws_ecr_repository", "r", {})),
  },
  ECR_3: {
    target: "aws_ecr_repository.r",
    compliant: stack(res("aws_ecr_repository", "r", { encryption_configuration: [{ encryption_type: "KMS", kms_key: "k" }] })),
    nonCompliant: stack(res("aws_ecr_repository", "r", { encryption_configuration: [{ encryption_type: "AES256" }] })),
  },
  ECR_4: {
    target: "aws_ecr_repository_policy.r",
    compliant: stack(
      res("aws_ecr_repository_policy", "r", {
        repository: "r",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "ecr:BatchGetImage" }] }),
      }),
    ),
    nonCompliant: stack(
      res("aws_ecr_repository_policy", "r", {
        repository: "r",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage"] }] }),
      }),
    ),
  },

  VPC_1: {
    target: "aws_vpc.v",
    compliant: stack(res("aws_vpc", "v", { cidr_block: "10.0.0.0/16" }), res("aws_flow_log", "v", { vpc_id: "${aws_vpc.v.id}", traffic_type: "ALL" })),
    nonCompliant: stack(res("aws_vpc", "v", { cidr_block: "10.0.0.0/16" }), res("aws_flow_log", "other", { subnet_id: "${aws_subnet.x.id}" })),
  },
  VPC_2: {
    target: "aws_vpc.v",
    compliant: stack(res("aws_vpc", "v", {}), res("aws_default_security_group", "d", { vpc_id: "${aws_vpc.v.id}" })),
    nonCompliant: stack(
      res("aws_vpc", "v", {}),
      res("aws_default_security_group", "d", { vpc_id: "${aws_vpc.v.id}", ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }] }),
    ),
  },
  VPC_3: {
    target: "aws_subnet.s",
    compliant: stack(res("aws_subnet", "s", { map_public_ip_on_launch: false })),
    nonCompliant: stack(res("aws_subnet", "s", { map_public_ip_on_launch: true })),
  },

  SG_1: {
    target: "aws_vpc_security_group_ingress_rule.in",
    compliant: ingress(443),
    nonCompliant: ingress(22),
    moreCompliant: {
      "the VPC's own CIDR, by reference": stack(res("aws_vpc", "v", { cidr_block: "10.20.0.0/16" }), ingressFrom({ cidr_ipv4: "${aws_vpc.v.cidr_block}" })),
    },
    moreNonCompliant: {
      "a CIDR from a variable": stack(ingressFrom({ cidr_ipv4: "${var.allowed_cidr}" })),
      "a CIDR from another stack's output": stack(ingressFrom({ cidr_ipv4: "${data.terraform_remote_state.network.outputs.allowed_cidr}" })),
      "each.value of a for_each Terraform computes": stack(ingressFrom({ for_each: "${toset(var.allowed_cidrs)}", cidr_ipv4: "${each.value}" })),
      "a VPC CIDR Terraform computes (IPAM)": stack(res("aws_vpc", "v", { ipv4_ipam_pool_id: "pool" }), ingressFrom({ cidr_ipv4: "${aws_vpc.v.cidr_block}" })),
      "cidr_blocks from a variable (aws_security_group_rule)": {
        target: "aws_security_group_rule.in",
        json: stack(res("aws_security_group_rule", "in", { type: "ingress", security_group_id: "sg", protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: "${var.admin_cidrs}" })),
      },
    },
  },
  SG_2: {
    target: "aws_security_group.g",
    compliant: stack(res("aws_security_group", "g", { description: "tasks", ingress: [{ description: "from the ALB", from_port: 80, to_port: 80, protocol: "tcp" }] })),
    nonCompliant: stack(res("aws_security_group", "g", { description: "tasks", ingress: [{ from_port: 80, to_port: 80, protocol: "tcp" }] })),
  },
  SG_3: {
    target: "aws_vpc_security_group_egress_rule.out",
    compliant: stack(res("aws_vpc_security_group_egress_rule", "out", { cidr_ipv4: "0.0.0.0/0", ip_protocol: "tcp", from_port: 443, to_port: 443, description: "HTTPS" })),
    nonCompliant: stack(res("aws_vpc_security_group_egress_rule", "out", { cidr_ipv4: "0.0.0.0/0", ip_protocol: "-1", description: "everything" })),
  },

  IAM_1: {
    target: "aws_iam_role_policy.p",
    compliant: rolePolicy([SCOPED]),
    nonCompliant: rolePolicy([allow(["s3:*"], ["arn:aws:s3:::data/*"])]),
    moreCompliant: { "a role's readable inline policy": { target: "aws_iam_role.r", json: roleWithInline([{ name: "scoped", policy: "${data.aws_iam_policy_document.p_doc.json}" }]) } },
    moreNonCompliant: {
      "a role's inline policy from an unreadable document": {
        target: "aws_iam_role.r",
        json: roleWithInline([{ name: "merged", policy: "${data.aws_iam_policy_document.p_doc.json}" }], { source_policy_documents: ["${var.extra}"], statement: [SCOPED] }),
      },
      "a role's inline policy from an expression": { target: "aws_iam_role.r", json: roleWithInline([{ name: "given", policy: "${var.policy_json}" }]) },
      "a role's inline policies from a dynamic block": {
        target: "aws_iam_role.r",
        json: stack(res("aws_iam_role", "r", { assume_role_policy: TRUST, dynamic: { inline_policy: { for_each: "${var.policies}", content: { name: "${inline_policy.key}", policy: "${inline_policy.value}" } } } })),
      },
    },
  },
  IAM_2: {
    target: "aws_iam_role_policy.p",
    compliant: rolePolicy([SCOPED, allow(["ssmmessages:OpenDataChannel", "s3:ListAllMyBuckets"], ["*"])]),
    nonCompliant: rolePolicy([allow(["s3:PutObject"], ["*"])]),
    moreCompliant: {
      "one key, a prefix of buckets": rolePolicy([allow(["kms:Encrypt"], ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd"]), allow(["s3:PutObject"], ["arn:aws:s3:::data-*/*"])]),
    },
    moreNonCompliant: {
      "not_resources (everything but one bucket)": rolePolicy([{ actions: ["s3:PutObject"], not_resources: ["arn:aws:s3:::audit/*"] }]),
      "NotResource in JSON": rolePolicyJson([{ Effect: "Allow", Action: "s3:PutObject", NotResource: "arn:aws:s3:::audit/*" }]),
      "NotAction on *": rolePolicyJson([{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }]),
      "every bucket (arn:aws:s3:::*)": rolePolicy([allow(["s3:PutObject"], ["arn:aws:s3:::*"])]),
      "every object of every bucket (arn:aws:s3:::*/*)": rolePolicy([allow(["s3:DeleteObject"], ["arn:aws:s3:::*/*"])]),
      "every key (arn:aws:kms:*:*:key/*)": rolePolicy([allow(["kms:ScheduleKeyDeletion"], ["arn:aws:kms:*:*:key/*"])]),
      "every bucket in any partition (arn:${partition}:s3:::*)": rolePolicy([allow(["s3:PutObject"], ["arn:${data.aws_partition.current.partition}:s3:::*"])]),
      ...unreadable(unreadableRolePolicy),
    },
  },
  IAM_3: { target: "aws_iam_role_policy.p", compliant: rolePolicy([allow(["iam:PutRolePolicy"], ["arn:aws:iam::1:role/x"])]), nonCompliant: rolePolicy([allow(["iam:PutRolePolicy"], ["*"])]) },
  IAM_4: { target: "aws_iam_role_policy.p", compliant: rolePolicy([allow(["iam:PassRole"], ["arn:aws:iam::1:role/x"])]), nonCompliant: rolePolicy([allow(["iam:PassRole"], ["*"])]) },
  IAM_5: { target: "aws_iam_role_policy.p", compliant: rolePolicy([SCOPED]), nonCompliant: rolePolicy([allow(["ecr:GetAuthorizationToken"], ["*"])]) },
  IAM_6: {
    target: "aws_iam_role.r",
    compliant: stack(
      res("aws_iam_role", "r", { assume_role_policy: "${data.aws_iam_policy_document.trust.json}" }),
      doc("trust", [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }] }]),
    ),
    nonCompliant: stack(
      res("aws_iam_role", "r", { assume_role_policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } }] }) }),
    ),
    moreNonCompliant: unreadable((document) =>
      stack(res("aws_iam_role", "r", { assume_role_policy: "${data.aws_iam_policy_document.trust.json}" }), { data: { aws_iam_policy_document: { trust: document } } }),
    ),
  },
  IAM_7: {
    target: "aws_iam_role_policy.p",
    compliant: rolePolicy([allow(["s3:GetObject"], ["arn:aws:s3:::data/*"])]),
    nonCompliant: rolePolicy([allow(["s3:GetObject"], ["*"])]),
    moreNonCompliant: {
      "a wildcard action (s3:Get*) on *": rolePolicy([allow(["s3:Get*"], ["*"])]),
      "NotAction on *": rolePolicyJson([{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }]),
      "every secret (secret:*)": rolePolicy([allow(["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:*"])]),
    },
  },

  IAM_8: {
    target: "aws_iam_role_policy_attachment.a",
    compliant: attachment("aws_iam_role_policy_attachment", "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"),
    nonCompliant: attachment("aws_iam_role_policy_attachment", "arn:aws:iam::aws:policy/AdministratorAccess"),
    moreCompliant: {
      "a policy this configuration creates": attachment("aws_iam_role_policy_attachment", "${aws_iam_policy.scoped.arn}"),
      "a read-only AWS-managed policy": attachment("aws_iam_role_policy_attachment", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
      "a role's managed_policy_arns": {
        target: "aws_iam_role.r",
        json: stack(res("aws_iam_role", "r", { assume_role_policy: TRUST, managed_policy_arns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"] })),
      },
    },
    moreNonCompliant: {
      "PowerUserAccess to a user": { target: "aws_iam_user_policy_attachment.a", json: attachment("aws_iam_user_policy_attachment", "arn:aws:iam::aws:policy/PowerUserAccess") },
      "AmazonS3FullAccess to a group": { target: "aws_iam_group_policy_attachment.a", json: attachment("aws_iam_group_policy_attachment", "arn:aws:iam::aws:policy/AmazonS3FullAccess") },
      "AWSLambda_FullAccess through aws_iam_policy_attachment": {
        target: "aws_iam_policy_attachment.a",
        json: stack(res("aws_iam_policy_attachment", "a", { name: "a", roles: ["x"], policy_arn: "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSLambda_FullAccess" })),
      },
      "AdministratorAccess in a role's managed_policy_arns": {
        target: "aws_iam_role.r",
        json: stack(res("aws_iam_role", "r", { assume_role_policy: TRUST, managed_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"] })),
      },
      "an ARN the reader cannot read": attachment("aws_iam_role_policy_attachment", "${var.policy_arn}"),
      "a policy name given by an expression": attachment("aws_iam_role_policy_attachment", "arn:aws:iam::aws:policy/${var.policy_name}"),
    },
  },

  CT_1: {
    target: "environment",
    compliant: stack(res("aws_cloudtrail", "t", { is_multi_region_trail: true })),
    nonCompliant: stack(res("aws_cloudtrail", "t", { is_multi_region_trail: false })),
  },
  CT_2: {
    target: "aws_cloudtrail.t",
    compliant: stack(res("aws_cloudtrail", "t", { enable_log_file_validation: true })),
    nonCompliant: stack(res("aws_cloudtrail", "t", {})),
  },
  CT_3: { target: "aws_cloudtrail.t", compliant: stack(res("aws_cloudtrail", "t", { kms_key_id: "k" })), nonCompliant: stack(res("aws_cloudtrail", "t", {})) },
  CT_4: {
    target: "aws_cloudtrail.t",
    compliant: stack(res("aws_cloudtrail", "t", { cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.trail.arn}:*" })),
    nonCompliant: stack(res("aws_cloudtrail", "t", {})),
  },
  CT_5: { target: "aws_cloudtrail.t", compliant: stack(res("aws_cloudtrail", "t", {})), nonCompliant: stack(res("aws_cloudtrail", "t", { enable_logging: false })) },

  GD_1: { target: "environment", compliant: stack(res("aws_guardduty_detector", "d", { enable: true })), nonCompliant: stack(res("aws_vpc", "v", {})) },
  GD_3: {
    target: "aws_guardduty_detector.d",
    compliant: stack(res("aws_guardduty_detector", "d", { enable: true }), runtimeMonitoring()),
    nonCompliant: stack(res("aws_guardduty_detector", "d", { enable: true })),
    moreCompliant: {
      "a detector with count ([0])": stack(res("aws_guardduty_detector", "d", { count: 1, enable: true }), runtimeMonitoring({ detector_id: "${aws_guardduty_detector.d[0].id}" })),
    },
    moreNonCompliant: {
      "RUNTIME_MONITORING DISABLED": stack(res("aws_guardduty_detector", "d", { enable: true }), runtimeMonitoring({ status: "DISABLED" })),
      "no managed agent on Fargate": stack(
        res("aws_guardduty_detector", "d", { enable: true }),
        runtimeMonitoring({ additional_configuration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "DISABLED" }] }),
      ),
      "the agent managed on EKS only": stack(
        res("aws_guardduty_detector", "d", { enable: true }),
        runtimeMonitoring({ additional_configuration: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] }),
      ),
      "another detector's feature": stack(res("aws_guardduty_detector", "d", { enable: true }), runtimeMonitoring({ detector_id: "${aws_guardduty_detector.other.id}" })),
    },
  },
  GD_2: {
    target: "aws_guardduty_detector.d",
    compliant: stack(res("aws_guardduty_detector", "d", { enable: true })),
    nonCompliant: stack(res("aws_guardduty_detector", "d", { enable: false })),
  },

  SM_1: {
    target: "aws_secretsmanager_secret.s",
    compliant: stack(res("aws_secretsmanager_secret", "s", { kms_key_id: "${aws_kms_key.k.arn}" })),
    nonCompliant: stack(res("aws_secretsmanager_secret", "s", {})),
  },
  SM_2: {
    target: "aws_secretsmanager_secret.s",
    compliant: stack(
      res("aws_secretsmanager_secret", "s", { for_each: { alice: {} }, kms_key_id: "k" }),
      res("aws_secretsmanager_secret_rotation", "s", { for_each: "${aws_secretsmanager_secret.s}", secret_id: "${each.value.id}", rotation_rules: { automatically_after_days: 30 } }),
    ),
    nonCompliant: stack(res("aws_secretsmanager_secret", "s", { for_each: { alice: {} }, kms_key_id: "k" })),
  },
  SM_3: {
    target: "aws_secretsmanager_secret_rotation.s",
    compliant: stack(res("aws_secretsmanager_secret_rotation", "s", { secret_id: "x", rotation_rules: { schedule_expression: "rate(30 days)" } })),
    nonCompliant: stack(res("aws_secretsmanager_secret_rotation", "s", { secret_id: "x", rotation_rules: { automatically_after_days: 365 } })),
  },

  TRANSFER_1: {
    target: "aws_transfer_server.t",
    compliant: stack(res("aws_transfer_server", "t", { protocols: ["SFTP"] })),
    nonCompliant: stack(res("aws_transfer_server", "t", { protocols: ["SFTP", "FTP"] })),
  },
  TRANSFER_2: {
    target: "aws_transfer_server.t",
    compliant: stack(res("aws_transfer_server", "t", { endpoint_type: "VPC" })),
    nonCompliant: stack(res("aws_transfer_server", "t", { endpoint_type: "PUBLIC" })),
  },
  TRANSFER_3: {
    target: "aws_transfer_server.t",
    compliant: stack(res("aws_transfer_server", "t", { security_policy_name: "TransferSecurityPolicy-2024-01" })),
    nonCompliant: stack(res("aws_transfer_server", "t", {})),
  },

  LAMBDA_1: {
    target: "aws_lambda_function.f",
    compliant: stack(res("aws_lambda_function", "f", { runtime: "nodejs20.x", tracing_config: { mode: "Active" } })),
    nonCompliant: stack(res("aws_lambda_function", "f", { runtime: "nodejs20.x", tracing_config: { mode: "PassThrough" } })),
  },
  LAMBDA_2: {
    target: "aws_lambda_function.f",
    compliant: stack(res("aws_lambda_function", "f", { environment: { variables: { TABLE: "users", SECRET_ARN: "${aws_secretsmanager_secret.s.arn}" } } })),
    nonCompliant: stack(res("aws_lambda_function", "f", { environment: { variables: { TABLE: "users", KEY_ID: "AKIAABCDEFGHIJKLMNOP" } } })),
  },
  LAMBDA_3: {
    target: "aws_lambda_function.f",
    compliant: stack(res("aws_lambda_function", "f", { environment: { variables: { TABLE: "users" } }, kms_key_arn: "k" })),
    nonCompliant: stack(res("aws_lambda_function", "f", { environment: { variables: { TABLE: "users" } } })),
  },
  LAMBDA_4: {
    target: "aws_lambda_permission.p",
    compliant: stack(res("aws_lambda_permission", "p", { principal: "events.amazonaws.com", source_arn: "${aws_cloudwatch_event_rule.r.arn}" })),
    nonCompliant: stack(res("aws_lambda_permission", "p", { principal: "s3.amazonaws.com" })),
  },
  LAMBDA_5: {
    target: "aws_lambda_function.f",
    compliant: stack(res("aws_lambda_function", "f", { runtime: "nodejs20.x" })),
    nonCompliant: stack(res("aws_lambda_function", "f", { runtime: "nodejs16.x" })),
  },

  ATHENA_1: {
    target: "aws_athena_workgroup.w",
    compliant: stack(res("aws_athena_workgroup", "w", { configuration: { enforce_workgroup_configuration: true } })),
    nonCompliant: stack(res("aws_athena_workgroup", "w", { configuration: { enforce_workgroup_configuration: false } })),
  },
  ATHENA_2: {
    target: "aws_athena_workgroup.w",
    compliant: stack(res("aws_athena_workgroup", "w", { configuration: { result_configuration: { encryption_configuration: { encryption_option: "SSE_KMS", kms_key_arn: "k" } } } })),
    nonCompliant: stack(res("aws_athena_workgroup", "w", { configuration: { result_configuration: { encryption_configuration: { encryption_option: "SSE_S3" } } } })),
  },

  BACKUP_1: {
    target: "aws_backup_vault.v",
    compliant: stack(res("aws_backup_vault", "v", { kms_key_arn: "${aws_kms_key.backup.arn}" })),
    nonCompliant: stack(res("aws_backup_vault", "v", {})),
  },
};
