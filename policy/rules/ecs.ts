import { fail, Finding, notApplicable, pass, passIf, resourceRule, Rule } from "../engine";
import { block, blocks, PolicyResource } from "../model";
import { plainSecrets } from "./shared";

const CLUSTER = ["aws_ecs_cluster"];
const SERVICE = ["aws_ecs_service"];
const TASK_DEFINITION = ["aws_ecs_task_definition"];

/** Judges each container of a task definition; unreadable definitions fail (nothing can be checked). */
function everyContainer(task: PolicyResource, problem: (container: Record<string, any>) => string | undefined): Finding {
  if (!task.containers) return fail("container_definitions cannot be read");
  const problems = task.containers.map((container) => {
    const found = problem(container);
    return found && `${container.name ?? "container"}: ${found}`;
  });
  const failed = problems.filter(Boolean);
  return failed.length === 0 ? pass() : fail(failed.join("; "));
}

const onFargate = (service: PolicyResource) =>
  service.values.launch_type === "FARGATE" ||
  blocks(service.values.capacity_provider_strategy).some((strategy) => String(strategy.capacity_provider).startsWith("FARGATE"));

export const ecsRules: Rule[] = [
  resourceRule({
    id: "ECS_1",
    title: "ECS cluster has Container Insights enabled",
    mirrors: { checkov: ["CKV_AWS_65"], trivy: ["AVD-AWS-0034"] },
    resourceTypes: CLUSTER,
    check: (cluster) =>
      passIf(
        blocks(cluster.values.setting).some((setting) => setting.name === "containerInsights" && ["enabled", "enhanced"].includes(setting.value)),
        "containerInsights setting is not enabled",
      ),
  }),
  resourceRule({
    id: "ECS_2",
    title: "ECS Exec sessions are encrypted with a KMS key and logged to an encrypted destination",
    mirrors: { checkov: ["CKV_AWS_223", "CKV_AWS_224"] },
    resourceTypes: CLUSTER,
    check: (cluster) => {
      const exec = block(block(cluster.values.configuration)?.execute_command_configuration);
      if (!exec) return fail("no execute_command_configuration");
      if (!exec.kms_key_id) return fail("ECS Exec sessions are not encrypted with a KMS key");
      const logs = block(exec.log_configuration);
      const encryptedLogs =
        exec.logging === "OVERRIDE" &&
        ((logs?.cloud_watch_encryption_enabled === true && Boolean(logs?.cloud_watch_log_group_name)) ||
          (logs?.s3_bucket_encryption_enabled === true && Boolean(logs?.s3_bucket_name)));
      return passIf(encryptedLogs, `ECS Exec logging is ${exec.logging ?? "DEFAULT"} without an encrypted log destination`);
    },
  }),
  resourceRule({
    id: "ECS_3",
    title: "ECS service does not assign public IP addresses",
    mirrors: { checkov: ["CKV_AWS_333"] },
    resourceTypes: SERVICE,
    check: (service) => passIf(block(service.values.network_configuration)?.assign_public_ip !== true, "assign_public_ip is true"),
  }),
  resourceRule({
    id: "ECS_4",
    title: "EFS volumes of a task definition use encryption in transit",
    mirrors: { checkov: ["CKV_AWS_97"], trivy: ["AVD-AWS-0035"] },
    resourceTypes: TASK_DEFINITION,
    check: (task) => {
      const efs = blocks(task.values.volume).filter((volume) => block(volume.efs_volume_configuration));
      if (efs.length === 0) return notApplicable("no EFS volumes");
      const plain = efs.filter((volume) => block(volume.efs_volume_configuration)?.transit_encryption !== "ENABLED");
      return plain.length === 0 ? pass() : fail(`EFS volumes without transit encryption: ${plain.map((volume) => volume.name).join(", ")}`);
    },
  }),
  resourceRule({
    id: "ECS_5",
    title: "Task definition's execution role differs from its task role",
    mirrors: { checkov: ["CKV_AWS_249"] },
    resourceTypes: TASK_DEFINITION,
    check: (task) => {
      const { execution_role_arn: execution, task_role_arn: role } = task.values;
      if (!execution || !role) return notApplicable("execution role or task role not set");
      // Resources only: a plan sees both ARNs come through the same remote state, which says nothing.
      const executionTargets = [...(task.attributeReferences.execution_role_arn ?? [])].filter((key) => !key.includes("/data."));
      const sameTarget = executionTargets.length > 0 && executionTargets.every((key) => task.attributeReferences.task_role_arn?.has(key));
      return passIf(execution !== role && !sameTarget, "execution_role_arn and task_role_arn name the same role");
    },
  }),
  resourceRule({
    id: "ECS_6",
    title: "No container runs privileged",
    mirrors: { checkov: ["CKV_AWS_334"] },
    resourceTypes: TASK_DEFINITION,
    check: (task) => everyContainer(task, (container) => (container.privileged === true ? "privileged" : undefined)),
  }),
  resourceRule({
    id: "ECS_7",
    title: "No secrets in plain container environment variables (use `secrets` with valueFrom)",
    mirrors: { trivy: ["AVD-AWS-0036"] },
    resourceTypes: TASK_DEFINITION,
    check: (task) =>
      everyContainer(task, (container) => {
        const variables = Object.fromEntries(blocks(container.environment).map((variable) => [variable.name, variable.value]));
        const secrets = plainSecrets(variables);
        return secrets.length > 0 ? `plain environment variables look like secrets: ${secrets.join(", ")}` : undefined;
      }),
  }),
  resourceRule({
    id: "ECS_8",
    title: "Containers have a read-only root filesystem",
    mirrors: { checkov: ["CKV_AWS_336"] },
    resourceTypes: TASK_DEFINITION,
    check: (task) => everyContainer(task, (container) => (container.readonlyRootFilesystem === true ? undefined : "root filesystem is writable")),
  }),
  resourceRule({
    id: "ECS_9",
    title: "Task definition does not share the host's process namespace",
    mirrors: { checkov: ["CKV_AWS_335"] },
    resourceTypes: TASK_DEFINITION,
    check: (task) => passIf(task.values.pid_mode !== "host", "pid_mode is host"),
  }),
  resourceRule({
    id: "ECS_10",
    title: "Fargate service runs on the LATEST platform version",
    mirrors: { checkov: ["CKV_AWS_332"] },
    resourceTypes: SERVICE,
    check: (service) => {
      if (!onFargate(service)) return notApplicable("not on Fargate");
      const version = service.values.platform_version ?? "LATEST";
      return passIf(version === "LATEST", `platform_version is pinned to ${version}`);
    },
  }),
];
