import { existsSync, readFileSync, statSync } from "fs";
import * as path from "path";
import * as ts from "typescript";

const CANDIDATES = ["", ".ts", ".js", "/index.ts", "/index.js"];

function resolveLocal(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  return CANDIDATES.map((suffix) => base + suffix).find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Folders a file packages as Lambda code (`path.resolve(__dirname, "../../functions/x")`). */
function assetFolders(file: string, source: string): string[] {
  const folders: string[] = [];
  for (const match of source.matchAll(/path\.resolve\(__dirname,\s*"([^"]+)"\)/g)) {
    folders.push(path.resolve(path.dirname(file), match[1]));
  }
  return folders;
}

/**
 * Every repository file `entries` depend on: local imports, transitively, plus the folders
 * they package as assets. Paths are relative to `root`, sorted.
 */
export function sourceClosure(root: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const folders = new Set<string>();
  const queue = entries.map((entry) => path.resolve(root, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    assetFolders(file, source).forEach((folder) => folders.add(folder));
    for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
      const resolved = resolveLocal(file, imported.fileName);
      if (resolved) queue.push(resolved);
    }
  }
  return [
    ...[...seen].map((file) => path.relative(root, file)),
    ...[...folders].map((folder) => `${path.relative(root, folder)}/**`),
  ].sort();
}
