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
      const service = resource(workload, "aws_ecs_service", "rstudio_ada_service");
      expect(service).toMatchObject({
        name: "rstudio-ada",
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
      expect(resources(workload, "aws_ecs_service").rstudio_grace_service).toBeDefined();
    });

    it("mounts the user's home through its access point with TLS and IAM, and injects the password as a secret", () => {
      const taskDefinition = resource(workload, "aws_ecs_task_definition", "rstudio_ada_task_definition");
      expect(taskDefinition).toMatchObject({ cpu: "1024", memory: "4096", network_mode: "awsvpc", requires_compatibilities: ["FARGATE"] });
      const home = taskDefinition.volume.find((volume: any) => volume.name === "home");
      expect(home.efs_volume_configuration).toEqual({
        file_system_id: remote("storage", "efs_file_system_id"),
        transit_encryption: "ENABLED",
        authorization_config: { access_point_id: remote("storage", "rstudio_home_access_point_ids.ada"), iam: "ENABLED" },
      });
      const [container] = containers(taskDefinition);
      expect(container.secrets).toEqual([
        { name: "PASSWORD", valueFrom: remote("security", "rstudio_password_secret_arns.ada") },
      ]);
      expect(container.environment).toEqual([]);
      expect(container.mountPoints).toEqual([
        { sourceVolume: "home", containerPath: "/home/rstudio", readOnly: false },
        { sourceVolume: "shiny-apps", containerPath: "/srv/shiny-server/apps", readOnly: false },
      ]);
      expect(container.portMappings).toEqual([{ containerPort: 8787, protocol: "tcp" }]);
      expect(container.privileged).toBe(false);
    });

    it("routes each user's host to their target group with an RStudio health check", () => {
      const rule = resource(workload, "aws_lb_listener_rule", "rstudio_ada_listener_rule");
      expect(rule.condition).toEqual([{ host_header: { values: ["ada.rstudio.example.org"] } }]);
      expect(rule.priority).toBe(listenerPriorities(["ada", "grace"]).get("ada"));
      const targetGroup = resource(workload, "aws_lb_target_group", "rstudio_ada_target_group");
      expect(targetGroup).toMatchObject({ name: "rs-test-rs-ada", port: 8787, target_type: "ip" });
      expect(targetGroup.health_check).toMatchObject({ path: "/auth-sign-in", matcher: "200" });
      expect(resource(workload, "aws_route53_record", "rstudio_ada_dns_record")).toMatchObject({
        name: "ada.rstudio.example.org",
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
      expect(resource(workload, "aws_appautoscaling_target", "shiny_scaling_target")).toMatchObject({ min_capacity: 1, max_capacity: 4 });
      expect(resource(workload, "aws_lb_target_group", "shiny_target_group").stickiness).toEqual({
        type: "lb_cookie",
        enabled: true,
        cookie_duration: 86400,
      });
      expect(resource(workload, "aws_ecs_service", "shiny_service").lifecycle).toEqual({ ignore_changes: ["desired_count"] });
      const [container] = containers(resource(workload, "aws_ecs_task_definition", "shiny_task_definition"));
      expect(container.mountPoints).toEqual([{ sourceVolume: "shiny-apps", containerPath: "/srv/shiny-server/apps", readOnly: true }]);
    });

    it("publishes each user's URL", () => {
      expect(workload.output?.rstudio_urls.value).toEqual({
        ada: "https://ada.rstudio.example.org",
        grace: "https://grace.rstudio.example.org",
      });
      expect(workload.output?.shiny_url.value).toBe("https://shiny.example.org");
    });
  });

  it("deploys RStudio without Shiny", () => {
    const input = withUsers(minimalInput(), "ada");
    input.shiny = { enabled: false };
    const { workload } = synthEnvironment(load(input));
    expect(Object.keys(resources(workload, "aws_ecs_service"))).toEqual(["rstudio_ada_service"]);
    expect(resources(workload, "aws_appautoscaling_target")).toEqual({});
    const [container] = containers(resource(workload, "aws_ecs_task_definition", "rstudio_ada_task_definition"));
    expect(container.mountPoints.map((mount: any) => mount.sourceVolume)).toEqual(["home"]);
    expect(workload.output?.shiny_url.value).toBe("");
  });

  it("deploys Shiny without RStudio", () => {
    const input = withUsers(minimalInput(), "ada");
    input.rstudio = { ...input.rstudio, enabled: false };
    const { workload } = synthEnvironment(load(input));
    expect(Object.keys(resources(workload, "aws_ecs_service"))).toEqual(["shiny_service"]);
    expect(Object.keys(resources(workload, "aws_cloudwatch_log_group")).sort()).toEqual(["ecs_exec_log_group", "ecs_shiny_log_group"]);
  });

  it("looks up hyphenated user names by index, keeping container definitions valid once evaluated", () => {
    const { workload } = synthEnvironment(load(withUsers(minimalInput(), "qa-bot")));
    const [container] = containers(resource(workload, "aws_ecs_task_definition", "rstudio_qa-bot_task_definition"));
    expect(container.secrets[0].valueFrom).toBe('${data.terraform_remote_state.security.outputs.rstudio_password_secret_arns["qa-bot"]}');
  });

  it("sizes each user's task from the user or the defaults", () => {
    const { workload } = synthEnvironment(load(fullInput()));
    expect(resource(workload, "aws_ecs_task_definition", "rstudio_ada_task_definition")).toMatchObject({ cpu: "2048", memory: "8192" });
    expect(resource(workload, "aws_ecs_task_definition", "rstudio_grace_task_definition")).toMatchObject({ cpu: "4096", memory: "16384" });
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

  it("gives a thousand users distinct priorities inside the user range", () => {
    const names = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const priorities = [...listenerPriorities(names).values()];
    expect(new Set(priorities).size).toBe(1000);
    expect(Math.min(...priorities)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...priorities)).toBeLessThanOrEqual(49999);
  });
});
