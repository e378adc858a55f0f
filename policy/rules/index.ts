import { Rule } from "../engine";
import { albRules } from "./alb";
import { athenaRules } from "./athena";
import { backupRules } from "./backup";
import { cloudTrailRules } from "./cloudtrail";
import { ecrRules } from "./ecr";
import { ecsRules } from "./ecs";
import { efsRules } from "./efs";
import { guardDutyRules } from "./guardduty";
import { iamRules } from "./iam";
import { kmsRules } from "./kms";
import { lambdaRules } from "./lambda";
import { logRules } from "./logs";
import { s3Rules } from "./s3";
import { secretsRules } from "./secrets";
import { securityGroupRules } from "./security-groups";
import { transferRules } from "./transfer";
import { vpcRules } from "./vpc";
import { wafRules } from "./waf";

/** The policy pack: every rule, in report order. */
export const RULES: readonly Rule[] = [
  ...s3Rules,
  ...albRules,
  ...wafRules,
  ...ecsRules,
  ...efsRules,
  ...kmsRules,
  ...logRules,
  ...ecrRules,
  ...vpcRules,
  ...securityGroupRules,
  ...iamRules,
  ...cloudTrailRules,
  ...guardDutyRules,
  ...secretsRules,
  ...transferRules,
  ...lambdaRules,
  ...athenaRules,
  ...backupRules,
];
