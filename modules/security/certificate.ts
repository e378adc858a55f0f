import { Construct } from "constructs";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface CertificateProps {
  readonly hostedZoneId: string;
  /** Host names on the certificate by purpose (`rstudio`, `shiny`); the first is its subject. */
  readonly domains: Readonly<Record<string, string>>;
}

/**
 * An ACM certificate validated through DNS records in the environment's hosted zone.
 *
 * One record per domain, each a static resource: `for_each` over `domain_validation_options`
 * cannot be planned before the certificate exists (its keys are unknown), so each record picks
 * its own validation option by domain name, which is known at plan time.
 */
export class Certificate extends Construct {
  /** ARN of the certificate once validated: listeners that use it wait for validation. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    const domains = Object.values(props.domains);
    const [subject, ...alternatives] = domains;
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: subject,
      subjectAlternativeNames: alternatives,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    const option = (domain: string, attribute: string) =>
      `\${one([for option in ${certificate.fqn}.domain_validation_options : option.${attribute} if option.domain_name == ${JSON.stringify(domain)}])}`;

    const records = Object.entries(props.domains).map(
      ([purpose, domain]) =>
        new Route53Record(this, `validation_${purpose}`, {
          zoneId: props.hostedZoneId,
          name: option(domain, "resource_record_name"),
          type: option(domain, "resource_record_type"),
          records: [option(domain, "resource_record_value")],
          ttl: 300,
          allowOverwrite: true,
        }),
    );
    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: records.map((record) => record.fqdn),
    });
    this.arn = validation.certificateArn;
  }
}
