import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { environments } from "../environments";
import { buildApp } from "../stacks/app";
import { writeContracts } from "./addresses";

/** `npm run addresses`: accepts the current resource addresses as the contract (review the diff!). */
const root = path.resolve(__dirname, "..");
const outdir = mkdtempSync(path.join(os.tmpdir(), "rstudio-addresses-"));
try {
  buildApp(environments, { outdir }).synth();
  const stacks = writeContracts(root, path.join(outdir, "stacks"));
  console.log(`wrote the address contract of ${stacks.length} stacks to addresses/; review removed lines before committing`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
