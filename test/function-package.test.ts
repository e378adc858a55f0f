import { readFileSync } from "fs";
import * as path from "path";
import { inflateRawSync } from "zlib";
import { functionPackage, zipFiles } from "../modules/shared/function-package";
import { ROTATION_FUNCTION_SOURCE } from "../modules/security/user-passwords";
import { SYNC_TRIGGER_SOURCE } from "../modules/storage/upload-trigger";

/** Reads a zip through its central directory, as unzip and Lambda do. */
function unzip(zip: Buffer): Record<string, string> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files: Record<string, string> = {};
  for (let i = 0; i < entries; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    // Fixed 1980-01-01 00:00 (MS-DOS time, date) and a plain rw-r--r-- Unix file, whatever the machine.
    expect([zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14), zip.readUInt32LE(at + 38) >>> 16]).toEqual([0, (1 << 5) | 1, 0o100644]);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    files[name] = inflateRawSync(zip.subarray(dataStart, dataStart + size)).toString("utf8");
    at += 46 + nameLength;
  }
  return files;
}

describe("function packages", () => {
  it("zips files so they read back exactly, nested names included", () => {
    const zip = zipFiles([
      { name: "index.js", data: Buffer.from("exports.handler = 1;\n") },
      { name: "lib/été.js", data: Buffer.from("x".repeat(5000)) },
    ]);
    expect(unzip(zip)).toEqual({ "index.js": "exports.handler = 1;\n", "lib/été.js": "x".repeat(5000) });
  });

  it("packages each function reproducibly, with its JavaScript and without type declarations", () => {
    for (const source of [ROTATION_FUNCTION_SOURCE, SYNC_TRIGGER_SOURCE]) {
      const built = functionPackage(source);
      const files = unzip(readFileSync(built.zipPath));
      expect(Object.keys(files)).toEqual(["index.js", expect.stringMatching(/^(rotation|trigger)\.js$/)]);
      expect(files["index.js"]).toBe(readFileSync(path.join(source, "index.js"), "utf8"));
      // Same bytes for the same sources, whatever the files' timestamps: no diff without a change.
      const again = zipFiles(Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data) })));
      expect(again.equals(readFileSync(built.zipPath))).toBe(true);
      expect(built.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
  });
});
