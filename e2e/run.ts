// Runs the browser journeys in Debian's Chromium against a fresh `plumb demo`: builds the web app, starts the
// server, runs each spec, saves screenshots to docs/screenshots/, and ends with "e2e: N passed, N failed".
import { mkdir, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { buildWeb, startDemoServer } from "./support/demo-server.ts";
import { JourneyContext, type Journey } from "./support/journey.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

async function loadSpecs(filter: string | undefined): Promise<Journey[]> {
  const dir = join(root, "e2e/specs");
  const files = (await readdir(dir))
    .filter((f) => f.endsWith(".spec.ts") && (!filter || f.includes(filter)))
    .sort();
  return Promise.all(files.map(async (f) => ((await import(join(dir, f))) as { default: Journey }).default));
}

async function main(): Promise<number> {
  const specs = await loadSpecs(process.argv[2]);
  console.log(`e2e: building the web app and starting plumb demo (${specs.length} journeys)`);
  await buildWeb(root);
  const server = await startDemoServer(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const failures = join(tmpdir(), `plumbline-e2e-failures-${Date.now()}`);
  let passed = 0;
  let failed = 0;
  try {
    for (const spec of specs) {
      const t = new JourneyContext(browser, server.baseUrl, join(root, "docs/screenshots"));
      const started = Date.now();
      try {
        await spec.run(t);
        if (t.policyViolations.length > 0) {
          throw new Error(`the Content Security Policy refused:\n${t.policyViolations.join("\n")}`);
        }
        passed += 1;
        console.log(`  ✓ ${spec.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        console.log(
          `  ✗ ${spec.name}\n    ${String((error as Error).stack ?? error).replaceAll("\n", "\n    ")}`,
        );
        await mkdir(failures, { recursive: true });
        for (const [i, page] of t.pages.entries()) {
          const path = join(failures, `${spec.name.replace(/\W+/g, "-")}-${i}.png`);
          await page.screenshot({ path, fullPage: true }).then(
            () => console.log(`    page ${i} (${page.url()}): ${path}`),
            () => undefined,
          );
        }
      } finally {
        await t.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log("e2e: 0 passed, 1 failed");
    process.exit(1);
  },
);
