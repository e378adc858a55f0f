import { Construct } from "constructs";
import { TerraformIterator } from "cdktf";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsBackupPolicy } from "@cdktf/provider-aws/lib/efs-backup-policy";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { MapValue } from "../../stacks/outputs";
import { attributeByKey, MapInput , namedLocal } from "../shared/expressions";
import { policyDocument } from "../shared/policy";

/** rocker images run their default user as 1000:1000. */
export const POSIX_USER = { uid: 1000, gid: 1000 };

export interface FileSystemProps {
  readonly name: string;
  readonly kmsKeyArn: string;
  /** Private subnet by availability zone: one mount target each. */
  readonly subnetIdsByZone: MapValue;
  readonly securityGroupId: string;
  /** RStudio users by name; each gets `/rstudio-home/<user>` as an access point. */
  readonly users: MapInput<unknown>;
  /** RStudio tasks mount and write through any access point of this file system. */
  readonly rstudioRoleArn: string;
  /** Shiny tasks mount the shared apps and data access points, read-only. */
  readonly shinyRoleArn: string;
  /** DataSync writes uploads through the data access point. */
  readonly dataSyncRoleArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly preventDestroy: boolean;
  /** `prevent_destroy` on the home access points. */
  readonly protectHomes: boolean;
}

/**
 * The persistent file system: one encrypted EFS with a mount target per zone, automatic backups,
 * an access point per user home, one for the shared Shiny apps directory and one for uploaded data.
 * Clients mount only through access points (RStudio any of them, Shiny the shared apps and data,
 * read-only; DataSync only the data), over TLS, with IAM authorization, never as root. Home access points are protected too: removing one leaves
 * the files in place, but it is how a user reaches them.
 */
export class FileSystem extends Construct {
  readonly fileSystem: EfsFileSystem;
  readonly homeAccessPointIds: MapValue;
  readonly shinyAppsAccessPointId: string;
  readonly dataAccessPoint: EfsAccessPoint;
  readonly mountTargets: EfsMountTarget;

  constructor(scope: Construct, id: string, props: FileSystemProps) {
    super(scope, id);
    const fileSystem = new EfsFileSystem(this, "file_system", {
      encrypted: true,
      kmsKeyId: props.kmsKeyArn,
      performanceMode: "generalPurpose",
      throughputMode: "elastic",
      lifecyclePolicy: [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
      protection: { replicationOverwrite: "ENABLED" },
      tags: { Name: props.name },
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.fileSystem = fileSystem;

    // The environment's own backup plan (backup.ts) replaces AWS Backup's automatic daily backup.
    new EfsBackupPolicy(this, "backup_policy", { fileSystemId: fileSystem.id, backupPolicy: { status: "DISABLED" } });
    const zones = TerraformIterator.fromMap(props.subnetIdsByZone);
    this.mountTargets = new EfsMountTarget(this, "mount_target", {
      forEach: zones,
      fileSystemId: fileSystem.id,
      subnetId: zones.value,
      securityGroups: [props.securityGroupId],
    });

    const shinyApps = new EfsAccessPoint(this, "shiny_apps", {
      fileSystemId: fileSystem.id,
      posixUser: POSIX_USER,
      rootDirectory: {
        path: "/shiny-apps",
        creationInfo: { ownerUid: POSIX_USER.uid, ownerGid: POSIX_USER.gid, permissions: "0755" },
      },
      tags: { Name: `${props.name}-shiny-apps` },
    });
    this.shinyAppsAccessPointId = shinyApps.id;
    this.dataAccessPoint = new EfsAccessPoint(this, "data", {
      fileSystemId: fileSystem.id,
      posixUser: POSIX_USER,
      rootDirectory: {
        path: "/shared-data",
        creationInfo: { ownerUid: POSIX_USER.uid, ownerGid: POSIX_USER.gid, permissions: "0755" },
      },
      tags: { Name: `${props.name}-data` },
    });

    const anyAccessPoint = `arn:${props.partition}:elasticfilesystem:${props.region}:${props.accountId}:access-point/*`;
    new EfsFileSystemPolicy(this, "policy", {
      fileSystemId: fileSystem.id,
      bypassPolicyLockoutSafetyCheck: false,
      policy: policyDocument(this, "policy_document", [
        {
          // Homes and the shared apps: every access point but the synced data, which DataSync owns.
          sid: "RStudioThroughAccessPoints",
          actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
          principals: [{ type: "AWS", identifiers: [props.rstudioRoleArn] }],
          resources: [fileSystem.arn],
          condition: [
            { test: "Bool", variable: "elasticfilesystem:AccessedViaMountTarget", values: ["true"] },
            { test: "StringLike", variable: "elasticfilesystem:AccessPointArn", values: [anyAccessPoint] },
            { test: "StringNotEquals", variable: "elasticfilesystem:AccessPointArn", values: [this.dataAccessPoint.arn] },
          ],
        },
        {
          sid: "RStudioReadsData",
          actions: ["elasticfilesystem:ClientMount"],
          principals: [{ type: "AWS", identifiers: [props.rstudioRoleArn] }],
          resources: [fileSystem.arn],
          condition: [
            { test: "Bool", variable: "elasticfilesystem:AccessedViaMountTarget", values: ["true"] },
            { test: "StringEquals", variable: "elasticfilesystem:AccessPointArn", values: [this.dataAccessPoint.arn] },
          ],
        },
        {
          sid: "ShinyReadsSharedAppsAndData",
          actions: ["elasticfilesystem:ClientMount"],
          principals: [{ type: "AWS", identifiers: [props.shinyRoleArn] }],
          resources: [fileSystem.arn],
          condition: [
            { test: "Bool", variable: "elasticfilesystem:AccessedViaMountTarget", values: ["true"] },
            { test: "StringEquals", variable: "elasticfilesystem:AccessPointArn", values: [shinyApps.arn, this.dataAccessPoint.arn] },
          ],
        },
        {
          sid: "DataSyncWritesData",
          actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
          principals: [{ type: "AWS", identifiers: [props.dataSyncRoleArn] }],
          resources: [fileSystem.arn],
          condition: [
            { test: "Bool", variable: "elasticfilesystem:AccessedViaMountTarget", values: ["true"] },
            { test: "StringEquals", variable: "elasticfilesystem:AccessPointArn", values: [this.dataAccessPoint.arn] },
          ],
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["elasticfilesystem:*"],
          principals: [{ type: "AWS", identifiers: ["*"] }],
          resources: [fileSystem.arn],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ]),
    });

    const users = TerraformIterator.fromMap(namedLocal(this, "rstudio_users", props.users));
    const home = new EfsAccessPoint(this, "home", {
      forEach: users,
      fileSystemId: fileSystem.id,
      posixUser: POSIX_USER,
      rootDirectory: {
        path: `/rstudio-home/${users.key}`,
        creationInfo: { ownerUid: POSIX_USER.uid, ownerGid: POSIX_USER.gid, permissions: "0750" },
      },
      tags: { Name: `${props.name}-home-${users.key}`, RStudioUser: users.key },
      lifecycle: { preventDestroy: props.protectHomes },
    });
    this.homeAccessPointIds = attributeByKey(home, "id");
  }
}
