/** A reference found in an attribute: to a resource, a data source, or another stack's output. */
export type Reference =
  | { readonly kind: "resource"; readonly type: string; readonly name: string }
  | { readonly kind: "data"; readonly type: string; readonly name: string }
  | { readonly kind: "remote_output"; readonly state: string; readonly output: string };

const REFERENCE =
  /\bdata\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)|\bdata\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)|\b(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** Every reference inside a value (Terraform expressions in strings, `depends_on` entries, plan `references`). */
export function referencesIn(value: unknown): Reference[] {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  const found: Reference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    if (match[1]) found.push({ kind: "remote_output", state: match[1], output: match[2] });
    else if (match[3]) found.push({ kind: "data", type: match[3], name: match[4] });
    else found.push({ kind: "resource", type: match[5], name: match[6] });
  }
  return found;
}
