import { Construct } from "constructs";
import { Fn, TerraformIterator, Token } from "cdktf";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { TransferServer } from "@cdktf/provider-aws/lib/transfer-server";
import { TransferSshKey } from "@cdktf/provider-aws/lib/transfer-ssh-key";
import { TransferUser } from "@cdktf/provider-aws/lib/transfer-user";
import { resourceNames, UPLOADS_PREFIX } from "../../config/naming";
import { MapValue } from "../../stacks/outputs";
import { both, choose, countWhen, everyInstance, firstInstance, Flag, MapInput, mapWhen, namedLocal } from "../shared/expressions";
import { encryptedLogGroup } from "../shared/log-group";
import { policyDocument, serviceTrust } from "../shared/policy";
import { AccountContext } from "./data-sync";

/** The newest Transfer Family SFTP policy provider 5.100 accepts (no SHA-1, no CBC ciphers, ML-KEM hybrid key exchange). */
export const SFTP_SECURITY_POLICY = "TransferSecurityPolicy-2025-03";

export interface SftpUser {
  readonly ssh_public_key: string;
}

export interface SftpProps extends AccountContext {
  readonly name: string;
  readonly enabled: Flag;
  /** Elastic IPs on the endpoint (in the public subnets); otherwise it is reachable from the VPC only. */
  readonly publicEndpoint: Flag;
  readonly users: MapInput<SftpUser>;
  readonly vpcId: string;
  readonly privateSubnetIdsByZone: MapValue;
  readonly publicSubnetIds: string[];
  readonly securityGroupId: string;
  readonly dataBucketName: string;
  readonly dataBucketArn: string;
  readonly storageKmsKeyArn: string;
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
}

/**
 * An SFTP server (AWS Transfer Family) in the VPC. Each service-managed user sees one folder of the
 * data bucket as `/` (a logical home directory, `uploads/<user>/`), enforced by a session policy
 * scoped with `${transfer:UserName}`; the shared role itself reaches no further than `uploads/`.
 */
export class Sftp extends Construct {
  readonly serverId: string;

  constructor(scope: Construct, id: string, props: SftpProps) {
    super(scope, id);
    const { accountId, region, partition } = props;
    const count = countWhen(props.enabled);

    const logGroup = encryptedLogGroup(this, "log_group", {
      count,
      name: resourceNames(props.name).dataPathLogGroup("sftp"),
      kmsKeyArn: props.logsKmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    const trust = (trustId: string) =>
      serviceTrust(this, trustId, "transfer.amazonaws.com", accountId, { sourceArn: `arn:${partition}:transfer:${region}:${accountId}:server/*`, count });

    const loggingRole = new IamRole(this, "logging_role", { count, name: `${props.name}-sftp-logging`, assumeRolePolicy: trust("logging_trust") });
    new IamRolePolicy(this, "logging_policy", {
      count,
      name: "structured-logs",
      role: firstInstance(loggingRole, "id"),
      policy: policyDocument(this, "logging_policy_document", [
        {
          sid: "WriteServerLogs",
          actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
          resources: [`${firstInstance(logGroup, "arn")}:*`],
        },
      ], { count }),
    });

    const publicEndpoint = both(props.enabled, props.publicEndpoint);
    const addresses = new Eip(this, "address", {
      count: Token.asNumber(choose(publicEndpoint, Fn.lengthOf(props.publicSubnetIds), 0)),
      domain: "vpc",
      tags: { Name: `${props.name}-sftp` },
    });
    const server = new TransferServer(this, "server", {
      count,
      protocols: ["SFTP"],
      domain: "S3",
      identityProviderType: "SERVICE_MANAGED",
      endpointType: "VPC",
      endpointDetails: {
        vpcId: props.vpcId,
        subnetIds: Token.asList(choose(publicEndpoint, props.publicSubnetIds, Fn.values(props.privateSubnetIdsByZone))),
        securityGroupIds: [props.securityGroupId],
        addressAllocationIds: everyInstance(addresses, "allocation_id"),
      },
      securityPolicyName: SFTP_SECURITY_POLICY,
      loggingRole: firstInstance(loggingRole, "arn"),
      structuredLogDestinations: [`${firstInstance(logGroup, "arn")}:*`],
      tags: { Name: `${props.name}-sftp` },
    });
    this.serverId = choose(props.enabled, firstInstance(server, "id"), "");

    const userRole = new IamRole(this, "user_role", { count, name: `${props.name}-sftp-user`, assumeRolePolicy: trust("user_trust") });
    new IamRolePolicy(this, "user_policy", {
      count,
      name: "uploads",
      role: firstInstance(userRole, "id"),
      policy: policyDocument(this, "user_policy_document", bucketAccess(props, UPLOADS_PREFIX.replace(/\/$/, "")), { count }),
    });
    // The same statements with the user's own folder: Transfer applies it as a session policy.
    const ownFolderPolicy = policyDocument(
      this,
      "own_folder_policy",
      bucketAccess(props, `${UPLOADS_PREFIX}\${transfer:UserName}`),
      { count },
    );

    const users = TerraformIterator.fromMap(namedLocal(this, "sftp_users", mapWhen(props.enabled, props.users)));
    new TransferUser(this, "user", {
      forEach: users,
      serverId: firstInstance(server, "id"),
      userName: users.key,
      role: firstInstance(userRole, "arn"),
      homeDirectoryType: "LOGICAL",
      homeDirectoryMappings: [{ entry: "/", target: `/${props.dataBucketName}/${UPLOADS_PREFIX}${users.key}` }],
      policy: ownFolderPolicy,
      tags: { SftpUser: users.key },
    });
    const keys = TerraformIterator.fromMap(namedLocal(this, "sftp_user_keys", mapWhen(props.enabled, props.users)));
    new TransferSshKey(this, "ssh_key", {
      forEach: keys,
      serverId: firstInstance(server, "id"),
      userName: keys.key,
      body: keys.getString("ssh_public_key"),
    });
  }
}

/**
 * Listing and object access below `folder` (given without a trailing slash). AWS's example also
 * allows the bare folder as a prefix; it is left out because listing `uploads/alice` would show the
 * object names of `uploads/alice2/`. The logical home directory makes Transfer list `uploads/alice/`.
 */
function bucketAccess(props: SftpProps, folder: string) {
  return [
    {
      sid: "ListOwnUploads",
      actions: ["s3:ListBucket"],
      resources: [props.dataBucketArn],
      condition: [{ test: "StringLike", variable: "s3:prefix", values: [`${folder}/*`, `${folder}/`] }],
    },
    {
      sid: "ReadWriteOwnUploads",
      actions: ["s3:DeleteObject", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
      resources: [`${props.dataBucketArn}/${folder}/*`],
    },
    {
      sid: "EncryptUploads",
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: [props.storageKmsKeyArn],
      condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${props.region}.amazonaws.com`] }],
    },
  ];
}
