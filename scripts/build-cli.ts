// Compiles the command line and the server to JavaScript in dist/, so `plumb` starts without compiling
// TypeScript (bin/plumb.js runs dist/ while it is at least as new as every file in src/, and src/ through tsx
// otherwise). dist/ mirrors the repository's layout, so every path a module finds from its own location (the
// migrations, the demo's files, the web app, the evaluator's worker) resolves the same from src/ and dist/.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const started = Date.now();

rmSync(dist, { recursive: true, force: true });
// Type-checking is `npm run typecheck`'s job: the build only strips types and rewrites `.ts` imports to `.js`.
execFileSync(
  process.execPath,
  [`${root}node_modules/typescript/bin/tsc`, "-p", `${root}tsconfig.build.json`],
  {
    stdio: "inherit",
  },
);
cpSync(`${root}src/store/migrations`, `${dist}/src/store/migrations`, { recursive: true });
cpSync(`${root}src/demo/data`, `${dist}/src/demo/data`, { recursive: true });
mkdirSync(`${dist}/bin`, { recursive: true });
writeFileSync(
  `${dist}/bin/evaluator-worker.js`,
  '// The evaluator\'s worker thread, compiled.\nawait import("../src/cli/evaluator-worker.js");\n',
);
// The web app is built on its own (`npm run build:web`); the server finds it where it always is.
symlinkSync("../web", `${dist}/web`);
// Written last: bin/plumb.js runs dist/ only while no file in src/ is newer than this.
writeFileSync(`${dist}/.built`, `${new Date().toISOString()}\n`);
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
