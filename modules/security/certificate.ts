import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface CertificateProps {
  readonly hostedZoneId: string;
  /** Host names on the certificate; the first is its subject. */
  readonly domainNames: readonly string[];
}

/** An ACM certificate validated through DNS records in the environment's hosted zone. */
export class Certificate extends Construct {
  /** ARN of the certificate once validated: listeners that use it wait for validation. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    const [subject, ...alternatives] = props.domainNames;
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: subject,
      subjectAlternativeNames: alternatives,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    // Keyed by domain name, which is known at plan time, so for_each never sees unknown keys.
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation_record", {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.arn = validation.certificateArn;
  }
}
