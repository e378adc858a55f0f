import { Construct } from "constructs";
import { Fn } from "cdktf";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsBackupPolicy } from "@cdktf/provider-aws/lib/efs-backup-policy";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { policyDocument } from "../shared/policy";

/** rocker images run their default user as 1000:1000. */
export const POSIX_USER = { uid: 1000, gid: 1000 };

export interface FileSystemProps {
  readonly namePrefix: string;
  readonly kmsKeyArn: string;
  readonly availabilityZones: readonly string[];
  readonly privateSubnetIds: string[];
  readonly securityGroupId: string;
  /** RStudio users; each gets `/rstudio-home/<user>` as an access point. */
  readonly users: readonly string[];
  /** Task roles allowed to mount and write through access points. */
  readonly clientRoleArns: readonly string[];
  readonly preventDestroy: boolean;
}

/**
 * The persistent file system: one encrypted EFS with a mount target per zone, automatic backups,
 * an access point per user home and one for the shared Shiny apps directory. Clients mount only
 * through access points, over TLS, with IAM authorization, and never as root. Removing an access
 * point leaves its directory and files in place: only the file system itself is protected.
 */
export class FileSystem extends Construct {
  readonly fileSystem: EfsFileSystem;
  readonly homeAccessPointIds: Record<string, string> = {};
  readonly shinyAppsAccessPointId: string;

  constructor(scope: Construct, id: string, props: FileSystemProps) {
    super(scope, id);
    const fileSystem = new EfsFileSystem(this, "file_system", {
      encrypted: true,
      kmsKeyId: props.kmsKeyArn,
      performanceMode: "generalPurpose",
      throughputMode: "elastic",
      lifecyclePolicy: [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
      protection: { replicationOverwrite: "ENABLED" },
      tags: { Name: props.namePrefix },
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.fileSystem = fileSystem;

    new EfsBackupPolicy(this, "backup_policy", {
      fileSystemId: fileSystem.id,
      backupPolicy: { status: "ENABLED" },
    });
    props.availabilityZones.forEach((zone, index) => {
      new EfsMountTarget(this, `mount_target_${zone}`, {
        fileSystemId: fileSystem.id,
        subnetId: Fn.element(props.privateSubnetIds, index),
        securityGroups: [props.securityGroupId],
      });
    });

    new EfsFileSystemPolicy(this, "policy", {
      fileSystemId: fileSystem.id,
      bypassPolicyLockoutSafetyCheck: false,
      policy: policyDocument(this, "policy_document", [
        {
          sid: "TasksMountThroughAccessPoints",
          actions: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
          principals: [{ type: "AWS", identifiers: [...props.clientRoleArns] }],
          resources: [fileSystem.arn],
          condition: [{ test: "Bool", variable: "elasticfilesystem:AccessedViaMountTarget", values: ["true"] }],
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

    const accessPoint = (name: string, path: string, permissions: string, tags: Record<string, string>) =>
      new EfsAccessPoint(this, name, {
        fileSystemId: fileSystem.id,
        posixUser: POSIX_USER,
        rootDirectory: {
          path,
          creationInfo: { ownerUid: POSIX_USER.uid, ownerGid: POSIX_USER.gid, permissions },
        },
        tags: { Name: `${props.namePrefix}${path.replace(/\//g, "-")}`, ...tags },
      });
    for (const user of props.users) {
      this.homeAccessPointIds[user] = accessPoint(`home_${user}`, `/rstudio-home/${user}`, "0750", { RStudioUser: user }).id;
    }
    this.shinyAppsAccessPointId = accessPoint("shiny_apps", "/shiny-apps", "0755", {}).id;
  }
}
