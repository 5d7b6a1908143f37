// Journey: acknowledge a signal, with a reason; it stays listed, marked acknowledged, after a reload too.
import type { Page } from "playwright-core";
import { expectEqual, expectVisible, journey } from "../support/journey.ts";

const TITLE = 'Unowned assumption: "Onboarding capacity is ready before campaign demand arrives"';
const REASON = "Omar takes ownership from Monday; the handover is in progress";
const signal = (page: Page) => page.getByRole("article", { name: TITLE });

export default journey("acknowledge a signal", async (t) => {
  const page = await t.newPage();
  await t.signIn(page, "mia@orbit-labs.example");
  await page.goto("/initiatives/orbit-launch/signals");
  await expectVisible(signal(page));
  await signal(page).getByRole("button", { name: "Acknowledge" }).click();

  const form = page.getByRole("form", { name: `Acknowledge: ${TITLE}` });
  const reason = form.getByLabel("Reason");
  await reason.fill("ok");
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expectVisible(form.locator(".field--invalid .field__error"));
  expectEqual(await reason.getAttribute("aria-invalid"), "true", "the reason field's aria-invalid");
  await t.checkA11y(page, "the signal list with a field error");

  await reason.fill(REASON);
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await signal(page).waitFor({ state: "detached" });

  for (const attempt of ["now", "after a reload"]) {
    if (attempt !== "now") await page.reload();
    await page.getByLabel("Show").selectOption("acknowledged");
    await expectVisible(
      signal(page)
        .getByText(/Acknowledged/)
        .first(),
    );
    await expectVisible(signal(page).getByText(`by Mia Chen`, { exact: false }));
    await expectVisible(signal(page).getByText(REASON, { exact: false }));
  }
  await t.checkA11y(page, "the acknowledged signals");
  await t.screenshot(page, "signals");
});
