/**
 * Runs `task` for every node once all of its dependencies have finished, at most `limit` at a
 * time. A failed node fails its dependents (they are reported, not run).
 */
export async function runInDependencyOrder<R>(
  dependencies: ReadonlyMap<string, readonly string[]>,
  limit: number,
  task: (node: string) => Promise<R>,
  isSuccess: (result: R) => boolean,
): Promise<Map<string, R | Error>> {
  const results = new Map<string, R | Error>();
  const pending = new Set(dependencies.keys());
  for (const [node, deps] of dependencies) {
    for (const dep of deps) {
      if (!dependencies.has(dep)) throw new Error(`${node} depends on unknown stack ${dep}`);
    }
  }
  const running = new Set<Promise<void>>();
  const succeeded = (node: string) => {
    const result = results.get(node);
    return result !== undefined && !(result instanceof Error) && isSuccess(result);
  };

  while (pending.size > 0 || running.size > 0) {
    for (const node of [...pending]) {
      if (running.size >= limit) break;
      const deps = dependencies.get(node) ?? [];
      if (deps.some((dep) => results.has(dep) && !succeeded(dep))) {
        pending.delete(node);
        results.set(node, new Error(`skipped: ${deps.filter((dep) => !succeeded(dep)).join(", ")} failed`));
        continue;
      }
      if (!deps.every((dep) => results.has(dep))) continue;
      pending.delete(node);
      const run: Promise<void> = task(node)
        .then((result) => void results.set(node, result))
        .catch((error: unknown) => void results.set(node, error instanceof Error ? error : new Error(String(error))))
        .finally(() => running.delete(run));
      running.add(run);
    }
    if (running.size === 0 && pending.size > 0) {
      throw new Error(`dependency cycle among: ${[...pending].join(", ")}`);
    }
    if (running.size > 0) await Promise.race(running);
  }
  return results;
}
