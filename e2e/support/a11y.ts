// Runs axe-core in the page: serious and critical violations fail the journey; lesser ones are printed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

export async function checkA11y(page: Page, label: string): Promise<void> {
  // Evaluated through the browser's tools rather than added as a <script>, which the app's Content Security
  // Policy rightly refuses.
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: "tag", values: tags } },
      ),
    TAGS,
  );
  const describe = (v: AxeResults["violations"][number]) =>
    `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(" ")}`)
      .join("\n")}`;
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const minor = results.violations.filter((v) => !serious.includes(v));
  if (minor.length > 0) console.log(`    axe (${label}), not failing:\n${minor.map(describe).join("\n")}`);
  if (serious.length > 0)
    throw new Error(`axe found serious violations on ${label}:\n${serious.map(describe).join("\n")}`);
}
