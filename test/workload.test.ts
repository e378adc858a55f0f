import { load, fullInput, minimalInput, withUsers } from "./support/environment";
import { parseTemplateJson, resource, resources, synthEnvironment } from "./support/synth";
import { listenerPriorities } from "../modules/workload/listener-priorities";

const remote = (layer: string, output: string) => `\${data.terraform_remote_state.${layer}.outputs.${output}}`;

function containers(taskDefinition: any): any[] {
  return parseTemplateJson(taskDefinition.container_definitions);
}

describe("workload layer", () => {
  describe("with two users and Shiny", () => {
    const { workload } = synthEnvironment(load(withUsers(minimalInput(), "ada", "grace")));

    it("runs the cluster with Container Insights and KMS-encrypted, logged ECS Exec", () => {
      const cluster = resource(workload, "aws_ecs_cluster", "ecs_cluster");
      expect(cluster.setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
      expect(cluster.configuration.execute_command_configuration).toEqual({
        kms_key_id: remote("security", "exec_kms_key_arn"),
        logging: "OVERRIDE",
        log_configuration: {
          cloud_watch_encryption_enabled: true,
          cloud_watch_log_group_name: "${aws_cloudwatch_log_group.ecs_exec_log_group.name}",
        },
      });
      for (const group of Object.values(resources(workload, "aws_cloudwatch_log_group"))) {
        expect(group.kms_key_id).toBe(remote("security", "logs_kms_key_arn"));
      }
    });

    it("runs one service per user: one task, private subnets, no public IP, ECS Exec, rollback", () => {
      const service = resource(workload, "aws_ecs_service", "rstudio_service");
      expect(Object.keys(service.for_each)).toEqual(["ada", "grace"]);
      expect(service).toMatchObject({
        name: "rstudio-${each.key}",
        task_definition: "${aws_ecs_task_definition.rstudio_task_definition[each.key].arn}",
        desired_count: 1,
        launch_type: "FARGATE",
        enable_execute_command: true,
        deployment_circuit_breaker: { enable: true, rollback: true },
        deployment_minimum_healthy_percent: 0,
        deployment_maximum_percent: 100,
        network_configuration: {
          subnets: remote("network", "private_subnet_ids"),
          security_groups: [remote("security", "rstudio_security_group_id")],
          assign_public_ip: false,
        },
      });
    });

    it("mounts the user's home through its access point with TLS and IAM, and injects the password as a secret", () => {
      const taskDefinition = resource(workload, "aws_ecs_task_definition", "rstudio_task_definition");
      expect(taskDefinition.for_each.ada).toMatchObject({ cpu: 1024, memory: 4096 });
      expect(taskDefinition).toMatchObject({
        cpu: "${each.value.cpu}",
        memory: "${each.value.memory}",
        family: "rs-test-rstudio-${each.key}",
        network_mode: "awsvpc",
        requires_compatibilities: ["FARGATE"],
      });
      const home = taskDefinition.volume.find((volume: any) => volume.name === "home");
      expect(home.efs_volume_configuration).toEqual({
        file_system_id: remote("storage", "efs_file_system_id"),
        transit_encryption: "ENABLED",
        authorization_config: { access_point_id: "${data.terraform_remote_state.storage.outputs.rstudio_home_access_point_ids[each.key]}", iam: "ENABLED" },
      });
      const [container] = containers(taskDefinition);
      expect(container.secrets).toEqual([
        { name: "PASSWORD", valueFrom: "${data.terraform_remote_state.security.outputs.rstudio_password_secret_arns[each.key]}" },
      ]);
      // Plain environment variables carry settings only, never the password.
      expect(container.environment.map((variable: { name: string }) => variable.name)).toEqual([
        "ATHENA_WORKGROUP",
        "ATHENA_OUTPUT_LOCATION",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
      ]);
      expect(container.mountPoints).toEqual([
        { sourceVolume: "home", containerPath: "/home/rstudio", readOnly: false },
        { sourceVolume: "shiny-apps", containerPath: "/srv/shiny-server/apps", readOnly: false },
        { sourceVolume: "data", containerPath: "/srv/data", readOnly: true },
      ]);
      expect(container.portMappings).toEqual([{ containerPort: 8787, protocol: "tcp" }]);
      expect(container.privileged).toBe(false);
    });

    it("routes each user's host to their target group with an RStudio health check", () => {
      const rule = resource(workload, "aws_lb_listener_rule", "rstudio_listener_rule");
      expect(rule.condition).toEqual([{ host_header: { values: ["${each.key}.rstudio.example.org"] } }]);
      expect(rule.priority).toBe("${each.value.listener_priority}");
      expect(rule.for_each.ada.listener_priority).toBe(listenerPriorities(["ada", "grace"]).get("ada"));
      expect(rule.action[0].target_group_arn).toBe("${aws_lb_target_group.rstudio_target_group[each.key].arn}");
      const targetGroup = resource(workload, "aws_lb_target_group", "rstudio_target_group");
      expect(targetGroup).toMatchObject({ name: "rs-test-u-${each.key}", port: 8787, target_type: "ip" });
      expect(targetGroup.health_check).toMatchObject({ path: "/auth-sign-in", matcher: "200" });
      expect(resource(workload, "aws_route53_record", "rstudio_dns_record")).toMatchObject({
        name: "${each.key}.rstudio.example.org",
        type: "A",
        zone_id: "Z123TEST",
      });
    });

    it("terminates TLS 1.3 on an internet-facing ALB that redirects HTTP and drops invalid headers", () => {
      const alb = resource(workload, "aws_lb", "load_balancer_alb");
      expect(alb).toMatchObject({
        internal: false,
        drop_invalid_header_fields: true,
        idle_timeout: 300,
        enable_deletion_protection: true,
        access_logs: { bucket: remote("storage", "log_bucket_name"), prefix: "alb", enabled: true },
      });
      expect(resource(workload, "aws_lb_listener", "load_balancer_https")).toMatchObject({
        protocol: "HTTPS",
        ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificate_arn: remote("security", "certificate_arn"),
      });
      expect(resource(workload, "aws_lb_listener", "load_balancer_http").default_action[0]).toMatchObject({
        type: "redirect",
        redirect: { protocol: "HTTPS", status_code: "HTTP_301" },
      });
      expect(resource(workload, "aws_wafv2_web_acl_association", "load_balancer_waf_association").web_acl_arn).toBe(
        remote("security", "web_acl_arn"),
      );
    });

    it("scales Shiny on CPU, memory and requests per task, with sticky sessions", () => {
      const policies = resources(workload, "aws_appautoscaling_policy");
      const metrics = Object.values(policies).map(
        (policy: any) => policy.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type,
      );
      expect(metrics.sort()).toEqual(["ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization"]);
      expect(resource(workload, "aws_appautoscaling_target", "shiny_scaling_target")).toMatchObject({ count: 1, min_capacity: 1, max_capacity: 4 });
      expect(resource(workload, "aws_lb_target_group", "shiny_target_group").stickiness).toEqual({
        type: "lb_cookie",
        enabled: true,
        cookie_duration: 86400,
      });
      expect(resource(workload, "aws_ecs_service", "shiny_service")).toMatchObject({ count: 1, lifecycle: { ignore_changes: ["desired_count"] } });
      const [container] = containers(resource(workload, "aws_ecs_task_definition", "shiny_task_definition"));
      expect(container.mountPoints.filter((mount: any) => ["shiny-apps", "data"].includes(mount.sourceVolume))).toEqual([
        { sourceVolume: "shiny-apps", containerPath: "/srv/shiny-server/apps", readOnly: true },
        { sourceVolume: "data", containerPath: "/srv/data", readOnly: true },
      ]);
    });

    it("publishes each user's URL", () => {
      expect(workload.output?.rstudio_urls.value).toBe('${{ for key, record in aws_route53_record.rstudio_dns_record : key => "https://${record.name}" }}');
      expect(workload.output?.shiny_url.value).toBe('${true ? "https://shiny.example.org" : ""}');
    });
  });

  it("deploys RStudio without Shiny", () => {
    const input = withUsers(minimalInput(), "ada");
    input.shiny = { enabled: false };
    const { workload } = synthEnvironment(load(input));
    expect(Object.keys(resource(workload, "aws_ecs_service", "rstudio_service").for_each)).toEqual(["ada"]);
    for (const [type, name] of [
      ["aws_ecs_service", "shiny_service"],
      ["aws_lb_target_group", "shiny_target_group"],
      ["aws_route53_record", "shiny_dns_record"],
      ["aws_appautoscaling_target", "shiny_scaling_target"],
    ]) {
      expect(resource(workload, type, name).count).toBe(0);
    }
    expect(workload.output?.shiny_url.value).toBe('${false ? "https://shiny.example.org" : ""}');
  });

  it("deploys Shiny without RStudio", () => {
    const input = withUsers(minimalInput(), "ada");
    input.rstudio = { ...input.rstudio, enabled: false };
    const { workload } = synthEnvironment(load(input));
    expect(resource(workload, "aws_ecs_service", "rstudio_service").for_each).toEqual({});
    expect(resource(workload, "aws_ecs_service", "shiny_service").count).toBe(1);
  });

  it("keys per-user resources by name, hyphenated names included", () => {
    const { workload } = synthEnvironment(load(withUsers(minimalInput(), "qa-bot")));
    const taskDefinition = resource(workload, "aws_ecs_task_definition", "rstudio_task_definition");
    expect(Object.keys(taskDefinition.for_each)).toEqual(["qa-bot"]);
    expect(containers(taskDefinition)[0].secrets[0].valueFrom).toBe(
      "${data.terraform_remote_state.security.outputs.rstudio_password_secret_arns[each.key]}",
    );
  });

  it("stops every RStudio service outside working hours and starts it again", () => {
    const input = withUsers(minimalInput(), "ada", "grace");
    input.rstudio = { ...input.rstudio, schedule: { timezone: "Europe/Berlin", start: "cron(0 7 ? * MON-FRI *)", stop: "cron(0 20 * * ? *)" } };
    const { workload } = synthEnvironment(load(input));
    const target = resource(workload, "aws_appautoscaling_target", "rstudio_schedule_target");
    expect(Object.keys(target.for_each)).toEqual(["ada", "grace"]);
    expect(target).toMatchObject({ min_capacity: 0, max_capacity: 1, resource_id: "service/${aws_ecs_cluster.ecs_cluster.name}/${aws_ecs_service.rstudio_service[each.key].name}" });
    expect(resource(workload, "aws_appautoscaling_scheduled_action", "rstudio_schedule_stop")).toMatchObject({
      schedule: "cron(0 20 * * ? *)",
      timezone: "Europe/Berlin",
      scalable_target_action: { min_capacity: "0", max_capacity: "0" },
    });
    expect(resource(workload, "aws_appautoscaling_scheduled_action", "rstudio_schedule_start").scalable_target_action).toEqual({
      min_capacity: "1",
      max_capacity: "1",
    });
    // The schedule owns the task count: Terraform must not start the services again at night.
    expect(resource(workload, "aws_ecs_service", "rstudio_service").lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  it("holds every RStudio service at one task when the environment sets no schedule", () => {
    const { workload } = synthEnvironment(load(withUsers(minimalInput(), "ada")));
    const target = resource(workload, "aws_appautoscaling_target", "rstudio_schedule_target");
    expect(Object.keys(target.for_each)).toEqual(["ada"]);
    expect([target.min_capacity, target.max_capacity]).toEqual([1, 1]);
    expect(resource(workload, "aws_appautoscaling_scheduled_action", "rstudio_schedule_start").for_each).toEqual({});
    expect(resource(workload, "aws_ecs_service", "rstudio_service").lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  it("re-registers the targets when the schedule is switched on or off, and leaves their daily bounds to the actions", () => {
    const scheduled = withUsers(minimalInput(), "ada");
    scheduled.rstudio = { ...scheduled.rstudio, schedule: { timezone: "UTC", start: "cron(0 7 ? * MON-FRI *)", stop: "cron(0 20 * * ? *)" } };
    const modes = [withUsers(minimalInput(), "ada"), scheduled].map((input) => {
      const { workload } = synthEnvironment(load(input));
      const target = resource(workload, "aws_appautoscaling_target", "rstudio_schedule_target");
      expect(target.lifecycle).toEqual({ ignore_changes: ["min_capacity", "max_capacity"], replace_triggered_by: ["terraform_data.rstudio_schedule_mode"] });
      return [resource(workload, "terraform_data", "rstudio_schedule_mode").triggers_replace, target.min_capacity];
    });
    expect(modes).toEqual([
      [{ mode: "always-on" }, 1],
      [{ mode: "working-hours" }, 0],
    ]);
  });

  it("runs Shiny tasks beyond the first on Fargate Spot when asked", () => {
    const spot = minimalInput();
    spot.shiny = { fargateSpot: true };
    const strategy = (input: typeof spot) => resource(synthEnvironment(load(input)).workload, "aws_ecs_service", "shiny_service").capacity_provider_strategy;
    expect(strategy(spot)).toEqual([
      { capacity_provider: "FARGATE", base: 1, weight: 0 },
      { capacity_provider: "FARGATE_SPOT", weight: 1 },
    ]);
    expect(strategy(minimalInput())).toEqual([
      { capacity_provider: "FARGATE", base: 1, weight: 1 },
      { capacity_provider: "FARGATE_SPOT", weight: 0 },
    ]);
  });

  it("sizes each user's task from the user or the defaults", () => {
    const { workload } = synthEnvironment(load(fullInput()));
    const sizes = resource(workload, "aws_ecs_task_definition", "rstudio_task_definition").for_each;
    expect(sizes.ada).toMatchObject({ cpu: 2048, memory: 8192 });
    expect(sizes.grace).toMatchObject({ cpu: 4096, memory: 16384 });
    expect(resource(workload, "aws_lb", "load_balancer_alb").idle_timeout).toBe(120);
  });
});

describe("listenerPriorities", () => {
  it("keeps every user's priority when others are added or removed", () => {
    const before = listenerPriorities(["ada", "grace", "linus"]);
    const after = listenerPriorities(["grace", "linus", "margaret", "ken"]);
    expect(after.get("grace")).toBe(before.get("grace"));
    expect(after.get("linus")).toBe(before.get("linus"));
  });

  it("probes past a collision: two names that hash to one slot get neighbouring priorities", () => {
    expect([...listenerPriorities(["bd", "ht"]).values()]).toEqual([31198, 31199]);
  });

  it("gives a thousand users distinct priorities inside the user range", () => {
    const names = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const priorities = [...listenerPriorities(names).values()];
    expect(new Set(priorities).size).toBe(1000);
    expect(Math.min(...priorities)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...priorities)).toBeLessThanOrEqual(49999);
  });
});
