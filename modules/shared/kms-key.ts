import { Construct } from "constructs";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { firstInstance } from "./expressions";
import { policyDocument, Statement } from "./policy";

/** Key administration and use, delegated to the account's IAM policies (explicit, no `kms:*`). */
export const KEY_ACCOUNT_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/** What an AWS service needs to encrypt and decrypt with a key on a caller's behalf. */
export const KEY_SERVICE_ACTIONS = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
];

export interface CustomerManagedKeyProps {
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  readonly description: string;
  readonly accountId: string;
  readonly partition: string;
  /** Extra key-policy statements (AWS service principals). @default [] */
  readonly serviceStatements?: Statement[];
  /** Sets `prevent_destroy`: a deleted key makes everything it encrypted unreadable. @default true */
  readonly preventDestroy?: boolean;
  /** For a key that exists only with the resources it serves (0 or 1). @default always */
  readonly count?: number;
}

/** A symmetric customer-managed KMS key with yearly rotation, a 30-day deletion window and an alias. */
export class CustomerManagedKey extends Construct {
  readonly arn: string;
  readonly keyId: string;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const { count } = props;
    const policy = policyDocument(this, "policy", [
      {
        sid: "AccountAdministersAndDelegatesUse",
        actions: KEY_ACCOUNT_ACTIONS,
        resources: ["*"],
        principals: [{ type: "AWS", identifiers: [`arn:${props.partition}:iam::${props.accountId}:root`] }],
      },
      ...(props.serviceStatements ?? []),
    ], { count });
    const key = new KmsKey(this, "key", {
      count,
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      policy,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    const attribute = (name: string) => (count === undefined ? key.getStringAttribute(name) : firstInstance(key, name));
    new KmsAlias(this, "alias", { count, name: `alias/${props.alias}`, targetKeyId: attribute("key_id") });
    this.arn = attribute("arn");
    this.keyId = attribute("key_id");
  }
}
