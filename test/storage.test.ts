import { load, fullInput, minimalInput } from "./support/environment";
import { policyStatements, resource, synthEnvironment } from "./support/synth";

describe("storage layer", () => {
  describe("with minimal props (no users)", () => {
    const { storage } = synthEnvironment(load(minimalInput()));

    it("encrypts EFS with the storage key, tiers to IA and protects it", () => {
      const efs = resource(storage, "aws_efs_file_system", "efs_file_system");
      expect(efs).toMatchObject({
        encrypted: true,
        kms_key_id: "${data.terraform_remote_state.security.outputs.storage_kms_key_arn}",
        throughput_mode: "elastic",
        lifecycle: { prevent_destroy: true },
      });
      expect(efs.lifecycle_policy).toEqual([{ transition_to_ia: "AFTER_30_DAYS" }, { transition_to_primary_storage_class: "AFTER_1_ACCESS" }]);
      // The environment's own backup plan replaces AWS Backup's automatic one (see data-path.test.ts).
      expect(resource(storage, "aws_efs_backup_policy", "efs_backup_policy").backup_policy.status).toBe("DISABLED");
    });

    it("mounts EFS in every private subnet, keyed by zone, behind the EFS security group", () => {
      expect(resource(storage, "aws_efs_mount_target", "efs_mount_target")).toMatchObject({
        for_each: "${data.terraform_remote_state.network.outputs.private_subnet_ids_by_zone}",
        subnet_id: "${each.value}",
        security_groups: ["${data.terraform_remote_state.security.outputs.efs_security_group_id}"],
      });
    });

    it("lets RStudio write through access points only, Shiny only read the shared apps and data, all over TLS", () => {
      const statements = policyStatements(storage, "efs_policy_document");
      const bySid = (sid: string) => statements.find((statement) => statement.sid === sid);
      const [rstudio, shiny, deny] = [bySid("RStudioThroughAccessPoints"), bySid("ShinyReadsSharedAppsAndData"), bySid("DenyInsecureTransport")];
      expect(rstudio).toMatchObject({
        actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        principals: [{ identifiers: ["${data.terraform_remote_state.security.outputs.rstudio_task_role_arn}"] }],
      });
      expect(rstudio.condition[1]).toEqual({
        test: "StringLike",
        variable: "elasticfilesystem:AccessPointArn",
        values: ["arn:${data.aws_partition.partition.partition}:elasticfilesystem:eu-central-1:123456789012:access-point/*"],
      });
      expect(shiny).toMatchObject({
        actions: ["elasticfilesystem:ClientMount"],
        principals: [{ identifiers: ["${data.terraform_remote_state.security.outputs.shiny_task_role_arn}"] }],
      });
      expect(shiny.condition[1]).toEqual({
        test: "StringEquals",
        variable: "elasticfilesystem:AccessPointArn",
        values: ["${aws_efs_access_point.efs_shiny_apps.arn}", "${aws_efs_access_point.efs_data.arn}"],
      });
      expect(deny).toMatchObject({ effect: "Deny", condition: [{ variable: "aws:SecureTransport", values: ["false"] }] });
    });

    it("has the shared Shiny apps access point as 1000:1000, not the file system root", () => {
      const accessPoint = resource(storage, "aws_efs_access_point", "efs_shiny_apps");
      expect(accessPoint.posix_user).toEqual({ uid: 1000, gid: 1000 });
      expect(accessPoint.root_directory.path).toBe("/shiny-apps");
    });

    it("locks down the data bucket: KMS, versioning, no public access, owner-enforced, TLS only, protected", () => {
      expect(resource(storage, "aws_s3_bucket", "buckets_data_bucket")).toMatchObject({
        bucket: "rs-test-data-123456789012-eu-central-1",
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      });
      const encryption = resource(storage, "aws_s3_bucket_server_side_encryption_configuration", "buckets_data_encryption");
      expect(encryption.rule[0].apply_server_side_encryption_by_default).toEqual({
        sse_algorithm: "aws:kms",
        kms_master_key_id: "${data.terraform_remote_state.security.outputs.storage_kms_key_arn}",
      });
      expect(resource(storage, "aws_s3_bucket_versioning", "buckets_data_versioning").versioning_configuration.status).toBe("Enabled");
      expect(resource(storage, "aws_s3_bucket_public_access_block", "buckets_data_public_access_block")).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(resource(storage, "aws_s3_bucket_ownership_controls", "buckets_data_ownership").rule.object_ownership).toBe(
        "BucketOwnerEnforced",
      );
      const [tlsOnly, kmsOnly] = policyStatements(storage, "buckets_data_policy_document");
      expect(tlsOnly).toMatchObject({ sid: "DenyInsecureTransport", effect: "Deny" });
      expect(kmsOnly).toMatchObject({ sid: "DenyUploadsWithoutKms", effect: "Deny", actions: ["s3:PutObject"] });
      expect(resource(storage, "aws_s3_bucket_logging", "buckets_data_access_logs").target_bucket).toBe(
        "${aws_s3_bucket.buckets_logs_bucket.bucket}",
      );
    });

    it("lets the load balancer deliver access logs to the log bucket", () => {
      const statements = policyStatements(storage, "buckets_logs_policy_document");
      const alb = statements.find((s) => s.sid === "AlbAccessLogs");
      expect(alb.resources).toEqual(["${aws_s3_bucket.buckets_logs_bucket.arn}/alb/AWSLogs/123456789012/*"]);
    });

    it("keeps images in immutable, scanned, KMS-encrypted repositories with a lifecycle", () => {
      for (const service of ["rstudio", "shiny"]) {
        expect(resource(storage, "aws_ecr_repository", `ecr_${service}`)).toMatchObject({
          name: `rs-test/${service}`,
          image_tag_mutability: "IMMUTABLE",
          image_scanning_configuration: { scan_on_push: true },
          encryption_configuration: [{ encryption_type: "KMS" }],
        });
        const policy = JSON.parse(resource(storage, "aws_ecr_lifecycle_policy", `ecr_${service}_lifecycle`).policy);
        // Only untagged images expire: a pinned tag must never disappear under a running service.
        expect(policy.rules.map((rule: any) => rule.selection.tagStatus)).toEqual(["untagged"]);
      }
    });
  });

  describe("with full props", () => {
    const { storage } = synthEnvironment(load(fullInput()));

    it("gives each user a home access point with a POSIX user, under /rstudio-home", () => {
      const home = resource(storage, "aws_efs_access_point", "efs_home");
      expect(Object.keys(home.for_each)).toEqual(["ada", "grace"]);
      expect(home).toMatchObject({
        posix_user: { uid: 1000, gid: 1000 },
        root_directory: { path: "/rstudio-home/${each.key}", creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: "0750" } },
      });
      expect(storage.output?.rstudio_home_access_point_ids.value).toBe(
        "${{ for key, instance in aws_efs_access_point.efs_home : key => instance.id }}",
      );
    });
  });

  it("drops prevent_destroy only where an environment explicitly says so", () => {
    const input = minimalInput();
    input.preventDestroy = false;
    const { storage } = synthEnvironment(load(input));
    expect(resource(storage, "aws_efs_file_system", "efs_file_system").lifecycle).toEqual({ prevent_destroy: false });
  });
});
