import { Construct } from "constructs";
import { Fn, TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { addressOf, attributeList, literalKeys, MapInput, namedLocal } from "../shared/expressions";

export interface CertificateProps {
  readonly hostedZoneId: string;
  /** Host names on the certificate by purpose (`rstudio`, `shiny`); the first by purpose is its subject. */
  readonly domains: MapInput<string>;
}

/**
 * An ACM certificate validated through DNS records in the environment's hosted zone.
 *
 * The records are keyed by purpose, which is known at plan time: `for_each` over the
 * certificate's `domain_validation_options` cannot be planned before the certificate exists.
 * Each record picks its own validation option by domain name.
 */
export class Certificate extends Construct {
  /** ARN of the certificate once validated: listeners that use it wait for validation. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    // Terraform's values() orders by key; so does the literal branch (purposes are inserted sorted).
    const domainsByPurpose = namedLocal(this, "domains", props.domains);
    const literal = literalKeys(domainsByPurpose) ? Object.values(domainsByPurpose as Record<string, string>) : undefined;
    const domainNames = Fn.values(domainsByPurpose);
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: literal ? literal[0] : Token.asString(Fn.element(domainNames, 0)),
      subjectAlternativeNames: literal ? literal.slice(1) : Token.asList(Fn.slice(domainNames, 1, Fn.lengthOf(domainNames))),
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    const options = `${addressOf(certificate)}.domain_validation_options`;
    const option = (attribute: string) =>
      `\${one([for option in ${options} : option.${attribute} if option.domain_name == each.value])}`;

    const domains = TerraformIterator.fromMap(domainsByPurpose);
    const records = new Route53Record(this, "validation", {
      forEach: domains,
      zoneId: props.hostedZoneId,
      name: option("resource_record_name"),
      type: option("resource_record_type"),
      records: [option("resource_record_value")],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "certificate_validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: attributeList(records, "fqdn"),
    });
    this.arn = validation.certificateArn;
  }
}
