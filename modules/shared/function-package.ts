import { createHash } from "crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { crc32, deflateRawSync } from "zlib";

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

/** 1980-01-01 00:00 in MS-DOS format, the earliest a zip can say. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;
const UNIX_FILE_MODE = 0o100644;

/** A zip archive (deflate, no encryption, UTF-8 names) of the given files, in the given order. */
export function zipFiles(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8");
    const compressed = deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((UNIX_FILE_MODE << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
