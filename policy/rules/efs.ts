import { passIf, resourceRule, Rule } from "../engine";
import { attributeRefersTo, block, companions } from "../model";

export const efsRules: Rule[] = [
  resourceRule({
    id: "EFS_1",
    title: "EFS file system is encrypted with a customer-managed KMS key",
    mirrors: { checkov: ["CKV_AWS_184", "CKV_AWS_42"], trivy: ["AVD-AWS-0037"] },
    resourceTypes: ["aws_efs_file_system"],
    check: (fs) => passIf(fs.values.encrypted === true && Boolean(fs.values.kms_key_id), "not encrypted with a customer-managed key (encrypted + kms_key_id)"),
  }),
  resourceRule({
    id: "EFS_2",
    title: "EFS access point enforces a root directory other than /",
    mirrors: { checkov: ["CKV_AWS_329"] },
    resourceTypes: ["aws_efs_access_point"],
    check: (point) => {
      const path = block(point.values.root_directory)?.path;
      return passIf(Boolean(path) && path !== "/", `root directory is ${path ?? "the file system root"}`);
    },
  }),
  resourceRule({
    id: "EFS_3",
    title: "EFS access point enforces a POSIX user identity",
    mirrors: { checkov: ["CKV_AWS_330"] },
    resourceTypes: ["aws_efs_access_point"],
    check: (point) => {
      const user = block(point.values.posix_user);
      return passIf(user?.uid !== undefined && user?.gid !== undefined, "no posix_user with uid and gid");
    },
  }),
  resourceRule({
    id: "EFS_4",
    title: "EFS file system is selected by an AWS Backup plan",
    mirrors: { checkov: ["CKV2_AWS_18"] },
    resourceTypes: ["aws_efs_file_system"],
    // `resources` selects; `not_resources` naming the file system excludes it again.
    check: (fs, env) => {
      const selections = companions(env, fs, "resources", "aws_backup_selection").filter((selection) => !attributeRefersTo(selection, "not_resources", fs));
      return passIf(selections.length > 0, "no aws_backup_selection lists this file system in resources (and not in not_resources)");
    },
  }),
];
