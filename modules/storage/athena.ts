import { Construct } from "constructs";
import { Op, Token } from "cdktf";
import { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import { resourceNames } from "../../config/naming";
import { SecureBucket } from "../shared/secure-bucket";

export interface AthenaProps {
  readonly name: string;
  readonly accountId: string;
  readonly resultsBucketName: string;
  readonly dataBucketName: string;
  readonly kmsKeyArn: string;
  /** Server access logs of the results bucket go here. */
  readonly logBucketName: string;
  readonly bytesScannedCutoffPerQueryGb: number;
  readonly resultRetentionDays: number;
  readonly preventDestroy: boolean;
}

/**
 * What R sessions query over JDBC: a workgroup whose settings clients cannot override (results
 * encrypted with the storage key in their own bucket, a per-query scan limit), and a Glue database
 * for tables over the data bucket.
 */
export class Athena extends Construct {
  readonly workgroupName: string;
  readonly resultsLocation: string;
  readonly databaseName: string;

  constructor(scope: Construct, id: string, props: AthenaProps) {
    super(scope, id);
    const names = resourceNames(props.name);
    const results = new SecureBucket(this, "results", {
      bucketName: props.resultsBucketName,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: props.preventDestroy,
      accessLogs: { bucket: props.logBucketName, prefix: `s3/${props.resultsBucketName}/` },
      lifecycleRules: [
        {
          id: "expire-query-results",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.resultRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
        },
      ],
    });
    this.resultsLocation = `s3://${results.name}/results/`;

    const workgroup = new AthenaWorkgroup(this, "workgroup", {
      name: names.athenaWorkgroup,
      description: "R sessions' queries (JDBC); settings enforced",
      state: "ENABLED",
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: gigabytes(props.bytesScannedCutoffPerQueryGb),
        engineVersion: { selectedEngineVersion: "AUTO" },
        resultConfiguration: {
          outputLocation: this.resultsLocation,
          expectedBucketOwner: props.accountId,
          encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: props.kmsKeyArn },
          aclConfiguration: { s3AclOption: "BUCKET_OWNER_FULL_CONTROL" },
        },
      },
    });
    this.workgroupName = workgroup.name;

    const database = new GlueCatalogDatabase(this, "database", {
      name: names.glueDatabase,
      description: "Tables over the data bucket, for Athena",
      locationUri: `s3://${props.dataBucketName}/tables/`,
    });
    this.databaseName = database.name;
  }
}

const GIGABYTE = 1024 ** 3;

function gigabytes(count: number): number {
  return Token.isUnresolved(count) ? Token.asNumber(Op.mul(count, GIGABYTE)) : count * GIGABYTE;
}
