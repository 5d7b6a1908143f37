// Development aid: validates initiative files and prints their problems (the CLI's `plumb check` does more).
import { readFileSync } from "node:fs";
import { CheckCompiler } from "../src/checks/check-compiler.ts";
import { parseInitiativeFile } from "../src/initiative-file/parse-initiative-file.ts";

let failed = false;
for (const name of process.argv.slice(2)) {
  const result = parseInitiativeFile(readFileSync(name, "utf8"), {
    fileName: name,
    checks: new CheckCompiler(),
  });
  if (result.ok) console.log(`${name}: ok (${result.snapshot.initiative.id})`);
  else {
    failed = true;
    for (const p of result.problems) console.log(`${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`);
  }
}
process.exitCode = failed ? 1 : 0;
