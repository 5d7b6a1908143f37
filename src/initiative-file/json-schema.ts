// The initiative file's JSON Schema, generated from the zod schema so the two cannot drift.
import { z } from "zod";
import { InitiativeFileSchema } from "./schema.ts";

export const JSON_SCHEMA_PATH = "schema/initiative-file.schema.json";

export function initiativeFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(InitiativeFileSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://plumbline.dev/schema/initiative-file.schema.json",
    title: "Plumbline initiative file",
  };
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(initiativeFileJsonSchema(), null, 2)}\n`;
}
