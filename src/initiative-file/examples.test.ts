import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { initiativeFileJsonSchema } from "./json-schema.ts";

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Every key path the schema allows, with `*` for a record's keys and `[]` for list items. */
function allowedPaths(schema: JsonSchema, path = ""): string[] {
  const out: string[] = [];
  for (const member of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    out.push(...allowedPaths(member, path));
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    out.push(`${path}${key}`, ...allowedPaths(child, `${path}${key}.`));
  }
  if (typeof schema.additionalProperties === "object")
    out.push(...allowedPaths(schema.additionalProperties, `${path}*.`));
  if (schema.items) out.push(...allowedPaths(schema.items, `${path}[].`));
  return out;
}

/** The key paths a document uses, in the same notation, read alongside the schema. */
function usedPaths(schema: JsonSchema, value: unknown, path = ""): string[] {
  const out: string[] = [];
  for (const member of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    out.push(...usedPaths(member, value, path));
  if (Array.isArray(value) && schema.items) {
    for (const item of value) out.push(...usedPaths(schema.items, item, `${path}[].`));
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property) out.push(`${path}${key}`, ...usedPaths(property, child, `${path}${key}.`));
      else if (typeof schema.additionalProperties === "object") {
        out.push(...usedPaths(schema.additionalProperties, child, `${path}*.`));
      }
    }
  }
  return out;
}

describe("examples/complete.yaml", () => {
  it("uses every key the initiative file allows", () => {
    const schema = initiativeFileJsonSchema() as JsonSchema;
    const used = new Set(usedPaths(schema, parse(readFileSync("examples/complete.yaml", "utf8"))));
    const missing = [...new Set(allowedPaths(schema))].filter((p) => !used.has(p));
    expect(missing).toEqual([]);
  });
});
