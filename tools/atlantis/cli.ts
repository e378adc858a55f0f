import { writeFileSync } from "fs";
import * as path from "path";
import { environments } from "../../environments";
import { loadEnvironments } from "../../stacks/app";
import { atlantisConfig, atlantisYaml } from "./generate";

/** `npm run atlantis`: regenerates atlantis.yaml at the repository root. */
const root = path.resolve(__dirname, "../..");
const yaml = atlantisYaml(atlantisConfig(root, loadEnvironments(environments)));
writeFileSync(path.join(root, "atlantis.yaml"), yaml);
console.log(`wrote ${path.join(root, "atlantis.yaml")}`);
