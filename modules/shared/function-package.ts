import { createHash } from "crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { zipSync, Zippable } from "fflate";

/** A function's deployment package: a zip file and the base64 SHA-256 Lambda compares it by. */
export interface FunctionPackage {
  readonly zipPath: string;
  readonly sha256: string;
}

const packages = new Map<string, FunctionPackage>();
let privateDirectory: string | undefined;

/** This process's own scratch folder (mode 0700, removed on exit): nobody else can plant a zip in it. */
function scratch(): string {
  if (!privateDirectory) {
    const created = mkdtempSync(path.join(os.tmpdir(), "rstudio-shiny-functions-"));
    process.on("exit", () => rmSync(created, { recursive: true, force: true }));
    privateDirectory = created;
  }
  return privateDirectory;
}

/**
 * Zips a function's source directory once per process, in-process and byte for byte reproducible
 * (sorted entries, fixed timestamps): every stack that deploys the function copies the same file,
 * and an unchanged function never shows a diff. Type declarations (`*.d.ts`) stay out.
 */
export function functionPackage(sourceDirectory: string): FunctionPackage {
  const cached = packages.get(sourceDirectory);
  if (cached) return cached;
  const zip = zipFiles(filesOf(sourceDirectory).map((file) => ({ name: file, data: readFileSync(path.join(sourceDirectory, file)) })));
  const sha256 = createHash("sha256").update(zip).digest("base64");
  const zipPath = path.join(scratch(), `${packages.size}`, "archive.zip");
  mkdirSync(path.dirname(zipPath));
  writeFileSync(zipPath, zip);
  const built = { zipPath, sha256 };
  packages.set(sourceDirectory, built);
  return built;
}

function filesOf(directory: string, prefix = ""): string[] {
  return readdirSync(path.join(directory, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return filesOf(directory, relative);
      return entry.name.endsWith(".d.ts") ? [] : [relative];
    })
    .sort();
}

/**
 * Every entry's timestamp: 1980-01-01 00:00, the earliest a zip can say. fflate writes local
 * time, so the date is built in local time too: the same bytes in every time zone.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE_RW_R_R = 0o100644;

/** A zip archive (deflate, UTF-8 names) of the given files, in the given order. */
export function zipFiles(files: { name: string; data: Buffer }[]): Buffer {
  const entries: Zippable = {};
  for (const file of files) {
    entries[file.name] = [file.data, { level: 9, mtime: FIXED_MTIME, os: UNIX, attrs: (REGULAR_FILE_RW_R_R << 16) >>> 0 }];
  }
  return Buffer.from(zipSync(entries));
}
