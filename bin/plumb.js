#!/usr/bin/env node
// Starts the command line: the compiled JavaScript in dist/ (`npm run build:cli`, which `npm ci` runs) while it
// is at least as new as every file in src/, else the TypeScript itself through tsx, so an edit takes effect
// with no build step.
import { existsSync, readdirSync, statSync } from "node:fs";
import { URL } from "node:url";

const root = new URL("../", import.meta.url);

function compiledIsCurrent() {
  const stamp = new URL("dist/.built", root);
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  const src = new URL("src/", root);
  return readdirSync(src, { recursive: true }).every(
    (entry) => statSync(new URL(entry, src)).mtimeMs <= built,
  );
}

if (compiledIsCurrent()) {
  await import("../dist/src/cli/bin.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/bin.ts");
}
