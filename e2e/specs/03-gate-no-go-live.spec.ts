// Journey: vote No-Go in one browser and see the gate held in a second browser, live, without reloading.
import type { Page } from "playwright-core";
import { expectVisible, journey } from "../support/journey.ts";

const GATES = "/initiatives/billing-migration/gates";
const cutover = (page: Page) => page.getByRole("article", { name: /^Cutover/ });
const LIVE_BUDGET_MS = 1_000;

export default journey("vote No-Go in one browser and see the gate held in a second, live", async (t) => {
  const watcher = await t.newPage();
  await t.signIn(watcher, "dana@orbit-labs.example");
  await watcher.goto(GATES);
  await expectVisible(cutover(watcher).getByText("Pending", { exact: true }));
  await expectVisible(watcher.getByRole("status").getByText("Live"));
  await watcher.evaluate(() => sessionStorage.setItem("e2e-not-reloaded", "yes"));
  const navigations = await watcher.evaluate(() => performance.getEntriesByType("navigation").length);

  const voter = await t.newPage();
  await t.signIn(voter, "grace@orbit-labs.example");
  await voter.goto(GATES);
  const form = cutover(voter).getByRole("form", { name: "Your vote on this gate" });
  await form.getByLabel("No-Go").check();
  await form.getByRole("button", { name: "Vote No-Go" }).click();
  // A No-Go without a reason is refused by the server, and its message sits next to the field.
  await expectVisible(form.locator(".field--invalid").getByText(/reason/i));
  await t.checkA11y(voter, "the gate vote form with a field error");

  await form.getByLabel("Reason").fill("Invoices still differ for 3% of accounts in the parallel run");
  await form.getByRole("button", { name: "Vote No-Go" }).click();
  await expectVisible(form.getByText("Your No-Go is recorded."));
  const voted = Date.now();

  await expectVisible(cutover(watcher).getByText("Held", { exact: true }), 5_000);
  const lag = Date.now() - voted;
  console.log(`    the second browser saw the gate held ${lag} ms after the vote`);
  if (lag > LIVE_BUDGET_MS)
    throw new Error(`the held gate reached the second browser after ${lag} ms (budget ${LIVE_BUDGET_MS} ms)`);
  await expectVisible(cutover(watcher).getByText(/Support \(Grace Liu\) says No-Go: Invoices still differ/));
  const after = await watcher.evaluate(
    () =>
      [
        sessionStorage.getItem("e2e-not-reloaded"),
        performance.getEntriesByType("navigation").length,
      ] as const,
  );
  if (after[0] !== "yes" || after[1] !== navigations)
    throw new Error("the second browser reloaded instead of updating live");

  await t.checkA11y(watcher, "the gates");
  await t.screenshot(watcher, "gate", true);
});
