/**
 * Parses a JSON document that Terraform treats as a template (such as `container_definitions`):
 * interpolations may contain quotes (`${map["qa-bot"]}`), which Terraform evaluates before the
 * JSON is read. Each `${...}` is kept verbatim as a string value.
 */
export function parseTemplateJson(template: string): any {
  let out = "";
  let index = 0;
  while (index < template.length) {
    if (template.startsWith("${", index)) {
      let depth = 0;
      let end = index;
      for (; end < template.length; end++) {
        if (template[end] === "{") depth++;
        else if (template[end] === "}" && --depth === 0) break;
      }
      out += JSON.stringify(template.slice(index, end + 1)).slice(1, -1);
      index = end + 1;
    } else {
      out += template[index++];
    }
  }
  return JSON.parse(out);
}

/** `parseTemplateJson`, or undefined when the text is not JSON (an expression Terraform computes). */
export function tryParseTemplateJson(template: unknown): any {
  if (typeof template !== "string") return undefined;
  try {
    return parseTemplateJson(template);
  } catch {
    return undefined;
  }
}
