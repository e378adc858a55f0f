/** Thrown when an environment file is invalid; lists every problem, each naming the field and the value. */
export class ConfigError extends Error {
  constructor(
    readonly environment: string,
    readonly problems: readonly string[],
  ) {
    super(
      `environment "${environment}" is invalid:\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export type Path = readonly (string | number)[];

export function formatPath(path: Path): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join("");
}

export function valueAt(input: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined),
    input,
  );
}

export function describeValue(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

export function problem(path: Path, rule: string, value: unknown): string {
  return `\`${formatPath(path)}\` ${rule}, got: ${describeValue(value)}`;
}
