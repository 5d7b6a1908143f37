// Journey: triage Orbit's signals — only mine, one kind, a search; a group by cause expanded and acknowledged
// whole with one reason; marked acknowledged here and, live, in a second browser watching the same view.
import type { Page } from "playwright-core";
import { expectEqual, expectVisible, journey } from "../support/journey.ts";

const SIGNALS = "/initiatives/orbit-launch/signals";
const GROUP = "Filtered rollup: Orbit self-serve launch";
const REASON = "One report chain; the weekly review now reads the ground reports directly";
const group = (page: Page) => page.getByRole("article", { name: GROUP, exact: true });

export default journey("triage signals: filter, search, and acknowledge a group at once", async (t) => {
  // Mia, in a second browser, watches every filtered roll-up, open or not, from an address shared with her.
  const watcher = await t.newPage();
  await t.signIn(watcher, "mia@orbit-labs.example");
  await watcher.goto(`${SIGNALS}?status=all&kind=filtered-rollup`);
  await expectVisible(group(watcher));
  await watcher.evaluate(() => sessionStorage.setItem("e2e-not-reloaded", "yes"));
  expectEqual(await watcher.getByLabel("Kind").inputValue(), "filtered-rollup", "the shared view's kind");
  expectEqual(
    await group(watcher).getByText("Acknowledged", { exact: true }).count(),
    0,
    "acknowledged roll-ups before",
  );

  const page = await t.newPage();
  await t.signIn(page, "dana@orbit-labs.example");
  await page.goto(SIGNALS);
  await expectVisible(page.getByRole("search", { name: "Filter signals" }));

  // Mine: everything shown names Dana as the one who must act.
  // The filters live in the address: the box is checked once the address says so.
  await page.getByLabel("Mine: only what I must act on").click();
  await page.waitForURL(/mine=1/);
  await expectVisible(page.locator("label.checkbox:has(input:checked)", { hasText: "Mine" }));
  const others = await page
    .locator(".signal .muted.small")
    .filter({ hasText: "must act" })
    .filter({ hasNotText: "Dana Reyes must act" })
    .count();
  expectEqual(others, 0, "signals shown under Mine that someone else must act on");

  await page.getByLabel("Kind").selectOption("filtered-rollup");
  await page.getByLabel("Search").fill("on the ground");
  await page.waitForURL(/kind=filtered-rollup/);
  await page.waitForURL(/q=on\+the\+ground/);
  await expectVisible(group(page));
  expectEqual(await page.getByRole("article", { name: /describe .* differently/ }).count(), 0, "other kinds");

  // Expand the group: its members are the separate signals, each with its own fingerprint.
  const toggle = group(page).getByRole("button", { name: /^Show the \d+ signals$/ });
  const count = Number((await toggle.textContent())?.match(/\d+/)?.[0]);
  if (!(count >= 2)) throw new Error(`the group should hold several signals, holds ${count}`);
  await toggle.click();
  expectEqual(
    await group(page)
      .getByRole("button", { name: `Hide the ${count} signals` })
      .getAttribute("aria-expanded"),
    "true",
    "the group's toggle aria-expanded",
  );
  await expectVisible(group(page).locator(".signal-cause__members > li").first());
  await t.checkA11y(page, "the filtered signal list with a group expanded");

  // Select the whole group and acknowledge it with one reason; a reason too short is refused first.
  await group(page).getByLabel("Select the whole group").check();
  await expectVisible(page.getByRole("group", { name: "Selected signals" }).getByText(`${count} selected`));
  await page.getByRole("button", { name: "Acknowledge selected" }).click();
  const form = page.getByRole("form", { name: `Acknowledge ${count} signals` });
  await form.getByLabel(/^Reason/).fill("ok");
  await form.getByRole("button", { name: `Acknowledge ${count} signals` }).click();
  await expectVisible(form.locator(".field--invalid .field__error"));
  await t.checkA11y(page, "the bulk acknowledgement with a field error");
  await form.getByLabel(/^Reason/).fill(REASON);
  await form.getByRole("button", { name: `Acknowledge ${count} signals` }).click();
  await expectVisible(page.getByRole("status").getByText(`Acknowledged ${count} signals.`));

  // Open only (the default) no longer lists them; Acknowledged does, each with who and why.
  await group(page).waitFor({ state: "detached" });
  await page.getByLabel("Show").selectOption("acknowledged");
  await page.waitForURL(/status=acknowledged/);
  await group(page)
    .getByRole("button", { name: `Show the ${count} signals` })
    .click();
  const notes = group(page).locator(".silence-note");
  await expectVisible(notes.first());
  expectEqual(await notes.count(), count, "acknowledgement notes in the group");
  expectEqual(
    await notes.filter({ hasText: REASON }).filter({ hasText: "by Dana Reyes" }).count(),
    count,
    "notes with Dana's reason",
  );
  await t.screenshot(page, "signal-triage");

  // Mia's list caught up by itself: every roll-up in the group is now marked acknowledged, by Dana.
  await group(watcher)
    .getByRole("button", { name: `Show the ${count} signals` })
    .click();
  await expectVisible(
    group(watcher)
      .locator(".silence-note")
      .nth(count - 1),
    5_000,
  );
  expectEqual(
    await watcher.evaluate(() => sessionStorage.getItem("e2e-not-reloaded")),
    "yes",
    "the watcher's page was not reloaded",
  );
});
