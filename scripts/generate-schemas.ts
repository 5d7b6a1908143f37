// Writes the generated artefacts: the initiative file's JSON Schema. A test fails when they are stale.
import { writeFileSync } from "node:fs";
import { JSON_SCHEMA_PATH, renderJsonSchema } from "../src/initiative-file/json-schema.ts";

writeFileSync(JSON_SCHEMA_PATH, renderJsonSchema());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
