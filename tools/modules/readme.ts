import { LayerModule, VariableSpec } from "../../stacks/module-stack";
import { REQUIRED_TERRAFORM } from "../../stacks/layer-stack";
import { MODULES_DIR, PROVIDER_RANGE } from "./catalog";

/** Which layer produces an output a module reads, for the usage example. */
const PRODUCERS: Record<string, string> = {};

/** Example values for the usage block of required, non-upstream variables. */
const EXAMPLES: Record<string, string> = {
  name: '"analytics"',
  account_id: '"123456789012"',
  vpc_cidr: '"10.0.0.0/16"',
  zones: '{\n    "eu-west-1a" = { public_subnet_cidr = "10.0.128.0/20", private_subnet_cidr = "10.0.0.0/19" }\n    "eu-west-1b" = { public_subnet_cidr = "10.0.144.0/20", private_subnet_cidr = "10.0.32.0/19" }\n  }',
  allowed_cidrs: '["203.0.113.0/24"]',
  hosted_zone_id: '"Z0123456789ABCDEFGHIJ"',
  rstudio_domain: '"rstudio.example.com"',
  shiny_domain: '"shiny.example.com"',
};

export function registerProducers(modules: readonly LayerModule[]): void {
  for (const module of modules) {
    for (const output of Object.values(module.outputs)) PRODUCERS[output.name] = module.layer;
  }
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string) => `\`${cell(text)}\``;

function defaultCell(spec: VariableSpec): string {
  if (spec.default === undefined) return "n/a";
  return code(JSON.stringify(spec.default));
}

function usageValue(module: LayerModule, name: string): string {
  const producer = PRODUCERS[name];
  if (producer && producer !== module.layer) return `module.${producer}.${name}`;
  return EXAMPLES[name] ?? "null # set me";
}

/** A README in the terraform-docs style, generated from the module's own variables and outputs. */
export function moduleReadme(module: LayerModule): string {
  const variables = Object.entries(module.variables).sort(([a], [b]) => a.localeCompare(b));
  const required = variables.filter(([, spec]) => spec.default === undefined);
  const width = Math.max(...required.map(([name]) => name.length), "source".length);
  const lines = [
    `# ${module.layer} module`,
    "",
    `${module.description}`,
    "",
    "Generated from the project's `" + module.layer + "` layer (`npm run build:modules`); do not edit by hand.",
    "It has no `provider` or `backend` block: the caller configures both, and may use `count`,",
    "`for_each` and `depends_on` on it.",
    "",
    "## Usage",
    "",
    "```hcl",
    `module "${module.layer}" {`,
    `  ${"source".padEnd(width)} = "git::https://github.com/acme/rstudio-shiny-fargate.git//${MODULES_DIR}/${module.layer}?ref=v0.1.0"`,
    "",
    ...required.map(([name]) => `  ${name.padEnd(width)} = ${usageValue(module, name)}`),
    "}",
    "```",
    "",
    "## Requirements",
    "",
    "| Name | Version |",
    "|------|---------|",
    `| terraform | ${code(REQUIRED_TERRAFORM)} |`,
    `| aws (hashicorp/aws) | ${code(PROVIDER_RANGE)} |`,
    "",
    "## Inputs",
    "",
    "| Name | Description | Type | Default | Required |",
    "|------|-------------|------|---------|:--------:|",
    ...variables.map(
      ([name, spec]) => `| ${name} | ${cell(spec.description)} | ${code(spec.type)} | ${defaultCell(spec)} | ${spec.default === undefined ? "yes" : "no"} |`,
    ),
    "",
    "## Outputs",
    "",
    "| Name | Description |",
    "|------|-------------|",
    ...Object.values(module.outputs)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((output) => `| ${output.name} | ${cell(output.description)} |`),
    "",
  ];
  return lines.join("\n");
}
