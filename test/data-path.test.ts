import { load, fullInput, minimalInput, TEST_SSH_KEY } from "./support/environment";
import { parseTemplateJson, policyStatements, resource, resources, synthEnvironment } from "./support/synth";
import { loadEnvironment } from "../config/load";

const fromSecurity = (output: string) => `\${data.terraform_remote_state.security.outputs.${output}}`;
const fromStorage = (output: string) => `\${data.terraform_remote_state.storage.outputs.${output}}`;

describe("data path", () => {
  const full = synthEnvironment(load(fullInput()));
  const minimal = synthEnvironment(load(minimalInput()));

  describe("SFTP (Transfer Family)", () => {
    const { storage, security } = full;

    it("runs SFTP only, in the VPC, with a current security policy and structured logs through its own role", () => {
      const server = resource(storage, "aws_transfer_server", "sftp_server");
      expect(server).toMatchObject({
        count: 1,
        protocols: ["SFTP"],
        identity_provider_type: "SERVICE_MANAGED",
        endpoint_type: "VPC",
        security_policy_name: "TransferSecurityPolicy-2025-03",
        logging_role: "${aws_iam_role.sftp_logging_role[0].arn}",
        structured_log_destinations: ["${aws_cloudwatch_log_group.sftp_log_group[0].arn}:*"],
      });
      expect(server.endpoint_details.security_group_ids).toEqual([fromSecurity("sftp_security_group_id")]);
      expect(policyStatements(storage, "sftp_logging_policy_document")).toEqual([
        expect.objectContaining({
          actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
          resources: ["${aws_cloudwatch_log_group.sftp_log_group[0].arn}:*"],
        }),
      ]);
    });

    it("puts Elastic IPs in the public subnets only when the environment asks for a public endpoint", () => {
      const server = resource(storage, "aws_transfer_server", "sftp_server");
      expect(server.endpoint_details.subnet_ids).toBe("${data.terraform_remote_state.network.outputs.public_subnet_ids}");
      expect(server.endpoint_details.address_allocation_ids).toBe("${aws_eip.sftp_address[*].allocation_id}");
      expect(resource(storage, "aws_eip", "sftp_address").count).toBe("${length(data.terraform_remote_state.network.outputs.public_subnet_ids)}");

      const internal = fullInput();
      internal.sftp = { ...internal.sftp, publicEndpoint: false };
      const { storage: privateStorage } = synthEnvironment(load(internal));
      const privateServer = resource(privateStorage, "aws_transfer_server", "sftp_server");
      expect(privateServer.endpoint_details.subnet_ids).toBe("${values(data.terraform_remote_state.network.outputs.private_subnet_ids_by_zone)}");
      expect(resource(privateStorage, "aws_eip", "sftp_address").count).toBe(0);
    });

    it("gives each user from the environment file a logical home in their own uploads folder, with their key", () => {
      const user = resource(storage, "aws_transfer_user", "sftp_user");
      expect(Object.keys(user.for_each)).toEqual(["ada", "lab-partner"]);
      expect(user).toMatchObject({
        home_directory_type: "LOGICAL",
        home_directory_mappings: [{ entry: "/", target: "/${aws_s3_bucket.buckets_data_bucket.bucket}/uploads/${each.key}" }],
        policy: "${data.aws_iam_policy_document.sftp_own_folder_policy[0].json}",
      });
      const key = resource(storage, "aws_transfer_ssh_key", "sftp_ssh_key");
      expect(key.body).toBe("${each.value.ssh_public_key}");
      expect(Object.values(key.for_each as Record<string, { ssh_public_key: string }>).map((u) => u.ssh_public_key)).toEqual([TEST_SSH_KEY, TEST_SSH_KEY]);
    });

    it("scopes the session policy to the user's own folder and the role to uploads/", () => {
      const own = policyStatements(storage, "sftp_own_folder_policy");
      expect(own.find((s) => s.sid === "ReadWriteOwnUploads").resources).toEqual([
        "${aws_s3_bucket.buckets_data_bucket.arn}/uploads/&{transfer:UserName}/*",
      ]);
      expect(own.find((s) => s.sid === "ListOwnUploads").condition).toEqual([
        { test: "StringLike", variable: "s3:prefix", values: ["uploads/&{transfer:UserName}/*", "uploads/&{transfer:UserName}/"] },
      ]);
      const role = policyStatements(storage, "sftp_user_policy_document");
      expect(role.find((s) => s.sid === "ReadWriteOwnUploads").resources).toEqual(["${aws_s3_bucket.buckets_data_bucket.arn}/uploads/*"]);
      const trust = policyStatements(storage, "sftp_user_trust")[0];
      expect(trust.condition).toContainEqual({
        test: "ArnLike",
        variable: "aws:SourceArn",
        values: ["arn:${data.aws_partition.partition.partition}:transfer:eu-central-1:123456789012:server/*"],
      });
    });

    it("admits SSH only from the SFTP networks, one described rule each", () => {
      expect(resource(security, "aws_vpc_security_group_ingress_rule", "security_groups_sftp_from_clients")).toMatchObject({
        for_each: "${toset([\"203.0.113.0/24\"])}",
        from_port: 22,
        to_port: 22,
        cidr_ipv4: "${each.value}",
        description: "SFTP from ${each.value}",
      });
    });

    it("creates no server, user, role or rule while SFTP is off (the default)", () => {
      expect(resource(minimal.storage, "aws_transfer_server", "sftp_server").count).toBe(0);
      expect(resource(minimal.storage, "aws_iam_role", "sftp_user_role").count).toBe(0);
      expect(resource(minimal.storage, "aws_transfer_user", "sftp_user").for_each).toEqual({});
      expect(resource(minimal.security, "aws_vpc_security_group_ingress_rule", "security_groups_sftp_from_clients").for_each).toBe("${toset([])}");
      expect(minimal.storage.output?.sftp_server_id.value).toBe("");
    });
  });

  describe("sync into EFS (DataSync)", () => {
    const { storage, security } = full;

    it("copies uploads/ of the data bucket into the data access point over TLS", () => {
      expect(resource(storage, "aws_datasync_location_s3", "datasync_uploads")).toMatchObject({
        s3_bucket_arn: "${aws_s3_bucket.buckets_data_bucket.arn}",
        subdirectory: "/uploads/",
        s3_config: { bucket_access_role_arn: "${aws_iam_role.datasync_role.arn}" },
      });
      const efs = resource(storage, "aws_datasync_location_efs", "datasync_efs_data");
      expect(efs).toMatchObject({
        access_point_arn: "${aws_efs_access_point.efs_data.arn}",
        in_transit_encryption: "TLS1_2",
        file_system_access_role_arn: "${aws_iam_role.datasync_role.arn}",
        depends_on: ["aws_efs_mount_target.efs_mount_target"],
      });
      expect(efs.ec2_config.security_group_arns).toEqual([
        `arn:\${data.aws_partition.partition.partition}:ec2:eu-central-1:123456789012:security-group/${fromSecurity("datasync_security_group_id")}`,
      ]);
      const dataPoint = resource(storage, "aws_efs_access_point", "efs_data");
      expect(dataPoint.root_directory.path).toBe("/shared-data");
      expect(dataPoint.posix_user).toEqual({ uid: 1000, gid: 1000 });
    });

    it("has a scheduled task and an on-upload task, both verified and logged", () => {
      const scheduled = resource(storage, "aws_datasync_task", "datasync_scheduled");
      const onUpload = resource(storage, "aws_datasync_task", "datasync_on_upload");
      expect(scheduled.schedule).toEqual({ schedule_expression: "cron(15 * * * ? *)" });
      expect(onUpload.schedule).toBeUndefined();
      for (const task of [scheduled, onUpload]) {
        expect(task).toMatchObject({
          cloudwatch_log_group_arn: "${aws_cloudwatch_log_group.datasync_log_group.arn}",
          options: { verify_mode: "ONLY_FILES_TRANSFERRED", log_level: "TRANSFER", transfer_mode: "CHANGED", preserve_deleted_files: "PRESERVE" },
        });
      }
      expect(resource(minimal.storage, "aws_datasync_task", "datasync_scheduled").schedule).toEqual({ schedule_expression: "rate(1 hour)" });
    });

    it("lets RStudio read the synced data but write only its homes and the shared apps", () => {
      const statements = policyStatements(storage, "efs_policy_document");
      const write = statements.find((s) => s.sid === "RStudioThroughAccessPoints");
      expect(write.actions).toContain("elasticfilesystem:ClientWrite");
      expect(write.condition).toContainEqual({
        test: "StringNotEquals",
        variable: "elasticfilesystem:AccessPointArn",
        values: ["${aws_efs_access_point.efs_data.arn}"],
      });
      const read = statements.find((s) => s.sid === "RStudioReadsData");
      expect(read.actions).toEqual(["elasticfilesystem:ClientMount"]);
      expect(read.condition).toContainEqual({ test: "StringEquals", variable: "elasticfilesystem:AccessPointArn", values: ["${aws_efs_access_point.efs_data.arn}"] });
    });

    it("lets DataSync read only uploads/ and write EFS only through the data access point", () => {
      const read = policyStatements(storage, "datasync_policy_document").find((s) => s.sid === "ReadUploads");
      expect(read.resources).toEqual(["arn:${data.aws_partition.partition.partition}:s3:::rs-test-data-123456789012-eu-central-1/uploads/*"]);
      const efsGrant = policyStatements(storage, "efs_policy_document").find((s) => s.sid === "DataSyncWritesData");
      expect(efsGrant.principals[0].identifiers).toEqual(["${aws_iam_role.datasync_role.arn}"]);
      expect(efsGrant.condition).toContainEqual({
        test: "StringEquals",
        variable: "elasticfilesystem:AccessPointArn",
        values: ["${aws_efs_access_point.efs_data.arn}"],
      });
      expect(resource(security, "aws_vpc_security_group_ingress_rule", "security_groups_efs_from_datasync")).toMatchObject({
        from_port: 2049,
        referenced_security_group_id: "${aws_security_group.security_groups_datasync.id}",
      });
    });

    it("delivers upload events through EventBridge and an encrypted queue with a dead-letter queue", () => {
      expect(resource(storage, "aws_s3_bucket_notification", "upload_trigger_bucket_events").eventbridge).toBe(true);
      const rule = resource(storage, "aws_cloudwatch_event_rule", "upload_trigger_uploaded");
      expect(rule.event_pattern).toContain("jsonencode");
      expect(rule.event_pattern).toContain('"prefix" = "uploads/"');
      const queue = resource(storage, "aws_sqs_queue", "upload_trigger_uploads");
      expect(queue.kms_master_key_id).toBe(fromSecurity("storage_kms_key_arn"));
      // AWS's advice for a Lambda source queue: 6x the function timeout plus the batching window.
      const { timeout } = resource(storage, "aws_lambda_function", "upload_trigger_function");
      const { maximum_batching_window_in_seconds: window } = resource(storage, "aws_lambda_event_source_mapping", "upload_trigger_from_queue");
      expect(queue.visibility_timeout_seconds).toBeGreaterThanOrEqual(6 * timeout + window);
      expect(queue.redrive_policy).toBe("${jsonencode({\"deadLetterTargetArn\" = aws_sqs_queue.upload_trigger_dead_letters.arn, \"maxReceiveCount\" = 48})}");
      const sendFromRule = policyStatements(storage, "upload_trigger_uploads_policy_document")[0];
      expect(sendFromRule.condition).toEqual([
        { test: "ArnEquals", variable: "aws:SourceArn", values: ["${aws_cloudwatch_event_rule.upload_trigger_uploaded.arn}"] },
      ]);
    });

    it("starts the sync from a Node.js function in the VPC with DLQ, tracing, reserved concurrency and batching", () => {
      const fn = resource(storage, "aws_lambda_function", "upload_trigger_function");
      expect(fn).toMatchObject({
        runtime: "nodejs22.x",
        handler: "index.handler",
        tracing_config: { mode: "Active" },
        reserved_concurrent_executions: 2,
        dead_letter_config: { target_arn: "${aws_sqs_queue.upload_trigger_dead_letters.arn}" },
        kms_key_arn: fromSecurity("storage_kms_key_arn"),
        environment: { variables: { TASK_ARN: "${aws_datasync_task.datasync_on_upload.arn}", SOURCE_PREFIX: "uploads/" } },
        vpc_config: { security_group_ids: [fromSecurity("sync_function_security_group_id")] },
      });
      expect(fn.filename).toMatch(/^\$\{path\.module\}\/assets\/upload_trigger_code\/[0-9A-F]+\/archive\.zip$/);
      expect(resource(storage, "aws_lambda_event_source_mapping", "upload_trigger_from_queue")).toMatchObject({
        batch_size: 100,
        maximum_batching_window_in_seconds: 60,
        function_response_types: ["ReportBatchItemFailures"],
      });
      const start = policyStatements(storage, "upload_trigger_policy_document").find((s) => s.sid === "StartTheUploadSync");
      expect(start).toMatchObject({
        actions: ["datasync:DescribeTask", "datasync:StartTaskExecution"],
        resources: ["${aws_datasync_task.datasync_on_upload.arn}"],
      });
    });
  });

  describe("Athena", () => {
    const { storage, security, workload } = full;

    it("enforces the workgroup's configuration: KMS-encrypted results in their own bucket, a scan limit", () => {
      const workgroup = resource(storage, "aws_athena_workgroup", "athena_workgroup");
      expect(workgroup.name).toBe("rs-test-analytics");
      expect(workgroup.configuration).toMatchObject({
        enforce_workgroup_configuration: true,
        bytes_scanned_cutoff_per_query: 20 * 1024 ** 3,
        result_configuration: {
          output_location: "s3://${aws_s3_bucket.athena_results_bucket.bucket}/results/",
          encryption_configuration: { encryption_option: "SSE_KMS", kms_key_arn: fromSecurity("storage_kms_key_arn") },
        },
      });
      const lifecycle = resource(storage, "aws_s3_bucket_lifecycle_configuration", "athena_results_lifecycle");
      expect(lifecycle.rule.find((r: any) => r.id === "expire-query-results").expiration).toEqual([{ days: 7 }]);
      expect(resource(storage, "aws_glue_catalog_database", "athena_database").name).toBe("rs_test_data");
    });

    it("lets only RStudio query, in that workgroup, over that database, writing results to that bucket", () => {
      const statements = policyStatements(security, "rstudio_task_policy_document");
      expect(statements.find((s) => s.sid === "AthenaQueriesInWorkgroup").resources).toEqual([
        "arn:${data.aws_partition.partition.partition}:athena:eu-central-1:123456789012:workgroup/rs-test-analytics",
      ]);
      expect(statements.find((s) => s.sid === "AthenaResults").resources).toEqual([
        "arn:${data.aws_partition.partition.partition}:s3:::rs-test-athena-123456789012-eu-central-1/*",
      ]);
      expect(statements.find((s) => s.sid === "AthenaDataCatalog").resources).toContain(
        "arn:${data.aws_partition.partition.partition}:glue:eu-central-1:123456789012:database/rs_test_data",
      );
      // Tables are the data scientists' own (CREATE EXTERNAL TABLE): DDL in that database only.
      expect(statements.find((s) => s.sid === "AthenaTableDefinitions").resources).toEqual([
        "arn:${data.aws_partition.partition.partition}:glue:eu-central-1:123456789012:catalog",
        "arn:${data.aws_partition.partition.partition}:glue:eu-central-1:123456789012:database/rs_test_data",
        "arn:${data.aws_partition.partition.partition}:glue:eu-central-1:123456789012:table/rs_test_data/*",
      ]);
      expect(policyStatements(security, "shiny_task_policy_document").map((s) => s.sid)).not.toContain("AthenaQueriesInWorkgroup");
    });

    it("lets the JDBC driver browse the catalog's metadata and resolve the default database, but not read its tables", () => {
      const statements = policyStatements(security, "rstudio_task_policy_document");
      expect(statements.find((s) => s.sid === "AthenaCatalogMetadata")).toMatchObject({
        actions: ["athena:GetDataCatalog", "athena:GetDatabase", "athena:GetTableMetadata", "athena:ListDatabases", "athena:ListTableMetadata"],
        resources: ["arn:${data.aws_partition.partition.partition}:athena:eu-central-1:123456789012:datacatalog/AwsDataCatalog"],
      });
      expect(statements.find((s) => s.sid === "AthenaListCatalogs")).toMatchObject({ actions: ["athena:ListDataCatalogs"], resources: ["*"] });
      expect(statements.find((s) => s.sid === "AthenaDefaultDatabase")).toMatchObject({
        actions: ["glue:GetDatabase"],
        resources: [
          "arn:${data.aws_partition.partition.partition}:glue:eu-central-1:123456789012:catalog",
          "arn:${data.aws_partition.partition.partition}:glue:eu-central-1:123456789012:database/default",
        ],
      });
      const tableReads = statements.filter((s) => s.actions.some((action: string) => /^glue:GetTables?$/.test(action)));
      expect(tableReads.flatMap((s) => s.resources).filter((r: string) => r.includes("/default"))).toEqual([]);
    });

    it("hands RStudio the real workgroup name, results location and region", () => {
      expect(storage.output?.athena_workgroup_name.value).toBe("${aws_athena_workgroup.athena_workgroup.name}");
      const definition = resource(workload, "aws_ecs_task_definition", "rstudio_task_definition");
      const [container] = parseTemplateJson(definition.container_definitions);
      expect(container.environment).toEqual([
        { name: "ATHENA_WORKGROUP", value: fromStorage("athena_workgroup_name") },
        { name: "ATHENA_OUTPUT_LOCATION", value: fromStorage("athena_results_location") },
        { name: "AWS_REGION", value: "eu-central-1" },
        { name: "AWS_DEFAULT_REGION", value: "eu-central-1" },
      ]);
    });

    it("mounts the synced data read-only in RStudio and Shiny", () => {
      for (const service of ["rstudio", "shiny"]) {
        const definition = resource(workload, "aws_ecs_task_definition", `${service}_task_definition`);
        const [container] = parseTemplateJson(definition.container_definitions);
        expect(container.mountPoints).toContainEqual({ sourceVolume: "data", containerPath: "/srv/data", readOnly: true });
        const volume = definition.volume.find((v: any) => v.name === "data");
        expect(volume.efs_volume_configuration.authorization_config).toEqual({ access_point_id: fromStorage("data_access_point_id"), iam: "ENABLED" });
      }
    });
  });

  describe("backups", () => {
    it("backs EFS up daily into a KMS-encrypted, protected vault, retention per environment", () => {
      const { storage } = full;
      expect(resource(storage, "aws_backup_vault", "backup_vault")).toMatchObject({
        kms_key_arn: fromSecurity("storage_kms_key_arn"),
        lifecycle: { prevent_destroy: true },
      });
      expect(resource(storage, "aws_backup_plan", "backup_plan").rule).toEqual([
        expect.objectContaining({ schedule: "cron(30 1 * * ? *)", lifecycle: { delete_after: 120 }, target_vault_name: "${aws_backup_vault.backup_vault.name}" }),
      ]);
      expect(resource(storage, "aws_backup_selection", "backup_file_system").resources).toEqual(["${aws_efs_file_system.efs_file_system.arn}"]);
      expect(resource(minimal.storage, "aws_backup_plan", "backup_plan").rule[0].lifecycle).toEqual({ delete_after: 35 });
    });
  });
});

describe("data path settings", () => {
  const withSftp = (sftp: object) => ({ ...minimalInput(), sftp });

  it.each([
    [{ enabled: true, users: [{ name: "ada", sshPublicKey: "ssh-dss AAAAB3NzaC1kc3MAAACBAP" }] }, "`sftp.users[0].sshPublicKey` must be one OpenSSH public key line"],
    [{ enabled: true, users: [{ name: "ada", sshPublicKey: TEST_SSH_KEY }, { name: "Ada", sshPublicKey: TEST_SSH_KEY }] }, '`sftp.users[1].name` duplicates sftp.users[0].name (normalised to "ada"), got: "Ada"'],
    [{ enabled: true, users: [{ name: "a-name-far-too-long-for-sftp", sshPublicKey: TEST_SSH_KEY }] }, "`sftp.users[0].name`"],
    [{ publicEndpoint: true }, "`sftp.publicEndpoint` needs sftp.enabled, got: true"],
    [{ enabled: true, allowedCidrs: ["10.0.0.300/24"] }, "`sftp.allowedCidrs[0]`"],
  ])("rejects %j naming the field", (sftp, message) => {
    expect(() => loadEnvironment(withSftp(sftp))).toThrow(message);
  });

  it.each([
    ["dataSync", { schedule: "rate(5 minutes)" }, "`dataSync.schedule` must be rate(N hours|days) or a valid AWS cron expression"],
    ["backup", { retentionDays: 0 }, "`backup.retentionDays` must be at least 1, got: 0"],
    ["backup", { schedule: "daily" }, "`backup.schedule` must be a valid AWS cron expression"],
    ["athena", { bytesScannedCutoffPerQueryGb: 0.5 }, "`athena.bytesScannedCutoffPerQueryGb`"],
  ])("rejects %s %j naming the field", (field, value, message) => {
    expect(() => loadEnvironment({ ...minimalInput(), [field]: value })).toThrow(message);
  });

  it("lets SFTP clients default to the load balancer's allowed networks", () => {
    expect(load(withSftp({ enabled: true })).sftp.allowedCidrs).toEqual(["192.0.2.0/24"]);
  });

  it("keeps resources of every data-path type in the stacks: nothing silently missing", () => {
    const { storage } = synthEnvironment(load(fullInput()));
    for (const type of ["aws_transfer_server", "aws_datasync_task", "aws_lambda_function", "aws_athena_workgroup", "aws_backup_selection"]) {
      expect(Object.keys(resources(storage, type)).length).toBeGreaterThan(0);
    }
  });
});
