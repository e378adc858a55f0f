import * as path from "path";
import { writeModules } from "./build";
import { MODULES_DIR } from "./catalog";

/** `npm run build:modules`: regenerates terraform-modules/<layer>/ from the layer constructs. */
const root = path.resolve(__dirname, "../..");
const layers = writeModules(root);
console.log(`wrote ${layers.map((layer) => `${MODULES_DIR}/${layer}`).join(", ")}`);
