// Journey: every radiator card and every tab of every demo initiative leads somewhere real: no "undefined" in
// an address, no error, no "Page not found".
import type { Page } from "playwright-core";
import { expectVisible, journey } from "../support/journey.ts";

async function expectRealPage(page: Page, what: string): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  if (page.url().includes("undefined")) throw new Error(`${what} led to ${page.url()}`);
  if ((await page.getByRole("heading", { name: "Page not found" }).count()) > 0)
    throw new Error(`${what} (${page.url()}) shows "Page not found"`);
  if ((await page.locator(".state--error").count()) > 0)
    throw new Error(
      `${what} (${page.url()}) shows an error: ${await page.locator(".state--error").first().innerText()}`,
    );
}

export default journey("every radiator card and initiative tab resolves", async (t) => {
  const page = await t.newPage();
  await t.signIn(page, "zoe@orbit-labs.example");
  const cards = page.getByRole("list", { name: /Initiatives/ }).getByRole("heading", { level: 2 });
  await expectVisible(cards);
  const names = await cards.allInnerTexts();
  if (names.length < 3) throw new Error(`expected the three demo initiatives, found ${names.join(", ")}`);
  for (const name of names) {
    await page.goto("/");
    await page.getByRole("heading", { level: 2, name }).getByRole("link").click();
    await expectVisible(page.getByRole("heading", { level: 1, name }));
    await expectRealPage(page, `the card '${name}'`);
    const tabs = page.getByRole("navigation", { name: "Initiative sections" }).getByRole("link");
    const labels = await tabs.allInnerTexts();
    for (const label of labels) {
      await page
        .getByRole("navigation", { name: "Initiative sections" })
        .getByRole("link", { name: label, exact: true })
        .click();
      await expectVisible(page.getByRole("heading", { level: 1, name }));
      await expectRealPage(page, `the tab '${label}' of '${name}'`);
    }
  }
});
