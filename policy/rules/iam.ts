import { grantsAction, isServiceWideArn, onEveryResource, PolicyDocument, PolicyStatement } from "../documents";
import { fail, Finding, notApplicable, pass, passIf, resourceRule, Rule } from "../engine";
import { blocks, expand, PolicyResource } from "../model";
import { allowStatements, describe, wildcardPrincipal } from "./shared";

/** Resources that grant permissions to an identity (roles' inline policies included). */
export const IDENTITY_POLICY = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role"];

/**
 * Actions AWS offers no resource-level permissions for: `"Resource": "*"` is the only way to grant
 * them, so they do not count as unconstrained writes (as in checkov's "restrictable actions").
 * The network-interface actions of a function in a VPC count too: they act on interfaces Lambda
 * creates, whose ids no policy can name in advance (AWSLambdaVPCAccessExecutionRole grants them on "*").
 */
export const RESOURCE_STAR_ONLY = new Set([
  "ecr:GetAuthorizationToken",
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "secretsmanager:GetRandomPassword",
  "cloudwatch:PutMetricData",
  "ec2:CreateNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DeleteNetworkInterface",
  "ec2:AssignPrivateIpAddresses",
  "ec2:UnassignPrivateIpAddresses",
  "logs:DescribeLogGroups",
  "sts:GetCallerIdentity",
]);

const READ_ONLY_VERB = /^(Get|List|Describe|Head|BatchGet|Query|Scan|Search|Lookup|View|Select|Filter)/;

export const PERMISSIONS_MANAGEMENT = [
  "iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:CreatePolicy", "iam:CreatePolicyVersion",
  "iam:DeleteGroupPolicy", "iam:DeleteRolePolicy", "iam:DeleteUserPolicy", "iam:DetachGroupPolicy", "iam:DetachRolePolicy",
  "iam:DetachUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:PutUserPolicy", "iam:SetDefaultPolicyVersion",
  "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "kms:PutKeyPolicy", "kms:CreateGrant", "s3:PutBucketPolicy",
  "s3:PutBucketAcl", "s3:PutObjectAcl", "s3:DeleteBucketPolicy", "secretsmanager:PutResourcePolicy", "ecr:SetRepositoryPolicy",
  "lambda:AddPermission", "sns:AddPermission", "sqs:AddPermission", "logs:PutResourcePolicy",
];

export const PRIVILEGE_ESCALATION = [
  "iam:PassRole", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:AddUserToGroup",
  "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:PutRolePolicy", "iam:PutUserPolicy",
  "iam:PutGroupPolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:UpdateAssumeRolePolicy", "sts:AssumeRole",
  "lambda:UpdateFunctionCode", "glue:UpdateDevEndpoint", "cloudformation:CreateStack",
];

export const CREDENTIALS_EXPOSURE = [
  "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:CreateLoginProfile", "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential", "iam:ChangePassword", "sts:GetFederationToken", "sts:GetSessionToken",
  "ec2:GetPasswordData", "ecr:GetAuthorizationToken", "redshift:GetClusterCredentials", "rds-db:Connect",
  "lightsail:GetInstanceAccessDetails", "cognito-identity:GetCredentialsForIdentity", "gamelift:RequestUploadCredentials",
];

export const DATA_EXFILTRATION = [
  "s3:GetObject", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "secretsmanager:GetSecretValue",
];

/**
 * The identity documents a resource carries: its `policy`, or a role's inline policies. An inline
 * policy block without `policy` (`inline_policy {}` removes them all) carries nothing; inline
 * policies from a `dynamic` block or an expression, or a `policy` the reader cannot read, make
 * the role unreadable.
 */
function identityDocuments(resource: PolicyResource): { documents: PolicyDocument[]; unreadable: boolean } {
  if (resource.type === "aws_iam_role") {
    const declared = resource.values.inline_policy;
    const generated = resource.values.dynamic?.inline_policy !== undefined || (declared !== undefined && (declared === null || typeof declared !== "object"));
    const withPolicy = blocks(declared)
      .map((inline, index) => ({ inline, document: resource.policies[`inline_policy[${index}]`] }))
      .filter(({ inline }) => inline?.policy !== undefined);
    return {
      documents: withPolicy.flatMap(({ document }) => (document ? [document] : [])),
      unreadable: generated || withPolicy.some(({ document }) => !document),
    };
  }
  const document = resource.policies.policy;
  return { documents: document ? [document] : [], unreadable: !document };
}

/** Judges every Allow statement of the identity's documents; `problem` names what is wrong with one. */
function judgeAllows(resource: PolicyResource, problem: (statement: PolicyStatement) => string | undefined): Finding {
  const { documents, unreadable } = identityDocuments(resource);
  if (unreadable) return fail("policy document cannot be read");
  if (documents.length === 0) return notApplicable("no inline policies");
  const problems = documents.flatMap(allowStatements).flatMap((statement) => {
    const found = problem(statement);
    return found ? [`${describe(statement)} ${found}`] : [];
  });
  return problems.length === 0 ? pass() : fail(problems.join("; "));
}

/** How a statement that applies to every resource names them, for a reason. */
function everyResource(statement: PolicyStatement): string {
  if (statement.notResources.length > 0) return `every resource but ${statement.notResources.join(", ")}`;
  return statement.resources.includes("*") ? '"*"' : statement.resources.filter(isServiceWideArn).join(", ");
}

/** Actions of `listed` the statement grants (by name, wildcard or NotAction) on every resource. */
function grantedOnStar(statement: PolicyStatement, listed: readonly string[]): string[] {
  if (!onEveryResource(statement)) return [];
  return listed.filter((action) => grantsAction(statement, action));
}

function listRule(id: string, title: string, listed: readonly string[], what: string, mirrors: Rule["mirrors"]): Rule {
  return resourceRule({
    id,
    title,
    mirrors,
    resourceTypes: IDENTITY_POLICY,
    check: (resource) =>
      judgeAllows(resource, (statement) => {
        const granted = grantedOnStar(statement, listed);
        return granted.length > 0 ? `allows ${what} on ${everyResource(statement)}: ${granted.join(", ")}` : undefined;
      }),
  });
}

/** Where identities get managed policies: a role's `managed_policy_arns`, and the attachments' `policy_arn`. */
const POLICY_ATTACHMENT = [
  "aws_iam_role",
  "aws_iam_role_policy_attachment",
  "aws_iam_user_policy_attachment",
  "aws_iam_group_policy_attachment",
  "aws_iam_policy_attachment",
];

/**
 * AWS-managed policies that grant a whole account or whole services: AdministratorAccess (and its
 * per-service variants such as AdministratorAccess-Amplify), PowerUserAccess and every *FullAccess.
 */
const BROAD_AWS_MANAGED_POLICY = /^arn:[^:]+:iam::aws:policy\/(.+\/)?(AdministratorAccess(-[A-Za-z0-9]+)?|PowerUserAccess|[A-Za-z0-9_-]*FullAccess[A-Za-z0-9_-]*)$/;

/** `${...}` in the partition only (`arn:${data.aws_partition.p.partition}:iam::aws:policy/...`): the policy's name is readable. */
const readableArn = (arn: string) => /^arn:(\$\{[^}]*\}|[^:$]+):iam::[^$]*$/.test(arn);

/** A customer-managed policy this configuration creates: IAM_1..IAM_7 judge its document. */
const OWN_POLICY_ARN = /^\$\{aws_iam_policy\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.arn\}$/;

/** The managed policy ARNs an identity resource attaches (`${each.value}` expanded). */
function attachedPolicies(resource: PolicyResource): unknown[] | undefined {
  const attached = resource.type === "aws_iam_role" ? resource.values.managed_policy_arns : [resource.values.policy_arn];
  if (attached === undefined) return undefined;
  return (Array.isArray(attached) ? attached : [attached]).flatMap((arn) => expand(resource, arn));
}

export const iamRules: Rule[] = [
  resourceRule({
    id: "IAM_1",
    title: "IAM policies allow no wildcard actions (no `*`, `service:*` or `service:Get*`, no NotAction)",
    mirrors: { checkov: ["CKV_AWS_49", "CKV_AWS_63", "CKV_AWS_1", "CKV_AWS_62"], trivy: ["AVD-AWS-0057"] },
    resourceTypes: IDENTITY_POLICY,
    check: (resource) =>
      judgeAllows(resource, (statement) => {
        const wildcards = statement.actions.filter((action) => action.includes("*"));
        if (statement.notActions.length > 0) return "allows NotAction (everything else)";
        return wildcards.length > 0 ? `allows wildcard actions ${wildcards.join(", ")}` : undefined;
      }),
  }),
  resourceRule({
    id: "IAM_2",
    title: "IAM policies allow no mutating action on resource \"*\" where the action can be scoped",
    mirrors: { checkov: ["CKV_AWS_111", "CKV_AWS_290", "CKV_AWS_355", "CKV_AWS_356"] },
    resourceTypes: IDENTITY_POLICY,
    check: (resource) =>
      judgeAllows(resource, (statement) => {
        if (!onEveryResource(statement)) return undefined;
        if (statement.notActions.length > 0) return `allows every action but ${statement.notActions.join(", ")} on ${everyResource(statement)}`;
        const writes = statement.actions.filter((action) => !RESOURCE_STAR_ONLY.has(action) && !READ_ONLY_VERB.test(action.split(":")[1] ?? ""));
        return writes.length > 0 ? `allows ${writes.join(", ")} on ${everyResource(statement)}` : undefined;
      }),
  }),
  listRule("IAM_3", "IAM policies allow no permissions management on resource \"*\"", PERMISSIONS_MANAGEMENT, "permissions management", {
    checkov: ["CKV_AWS_109", "CKV_AWS_289"],
  }),
  listRule("IAM_4", "IAM policies allow no privilege escalation on resource \"*\"", PRIVILEGE_ESCALATION, "privilege escalation", {
    checkov: ["CKV_AWS_110", "CKV_AWS_286"],
  }),
  listRule("IAM_5", "IAM policies allow no credentials exposure on resource \"*\"", CREDENTIALS_EXPOSURE, "credentials exposure", {
    checkov: ["CKV_AWS_107", "CKV_AWS_287"],
  }),
  resourceRule({
    id: "IAM_6",
    title: "IAM role trust policy allows only named principals to assume the role",
    mirrors: { checkov: ["CKV_AWS_60"] },
    resourceTypes: ["aws_iam_role"],
    check: (role) => {
      const trust = role.policies.assume_role_policy;
      if (!trust) return fail("assume_role_policy cannot be read");
      const open = allowStatements(trust).filter(wildcardPrincipal);
      return passIf(open.length === 0, `${open.map(describe).join(", ")} lets any principal assume the role`);
    },
  }),
  listRule("IAM_7", "IAM policies allow no data exfiltration actions on resource \"*\"", DATA_EXFILTRATION, "data exfiltration", {
    checkov: ["CKV_AWS_108", "CKV_AWS_288"],
  }),
  resourceRule({
    id: "IAM_8",
    title: "No role, user or group gets the AWS-managed AdministratorAccess, PowerUserAccess or a *FullAccess policy",
    mirrors: { checkov: ["CKV_AWS_274"] },
    resourceTypes: POLICY_ATTACHMENT,
    check: (resource) => {
      const attached = attachedPolicies(resource);
      if (!attached) return notApplicable("no managed_policy_arns");
      const unreadable = attached.filter((arn) => typeof arn !== "string" || !(readableArn(arn) || OWN_POLICY_ARN.test(arn)));
      if (unreadable.length > 0) return fail(`policy ARN cannot be read: ${unreadable.map(String).join(", ")}`);
      const broad = (attached as string[]).filter((arn) => BROAD_AWS_MANAGED_POLICY.test(arn.replace(/\$\{[^}]*\}/g, "aws")));
      return passIf(broad.length === 0, `attaches ${broad.join(", ")}`);
    },
  }),
];
