// Journey: sign in and see the radiator (then TV mode, the alignment index, and the radiator at phone width).
import { expectEqual, expectVisible, journey, PHONE } from "../support/journey.ts";

export default journey("sign in and see the radiator", async (t) => {
  const page = await t.newPage();
  await page.goto("/");
  await page.waitForURL(/\/login\?next=/);
  await t.checkA11y(page, "the login page");

  await page.getByLabel("Email").fill("dana@orbit-labs.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectVisible(page.getByRole("alert").getByText("That email and password do not match an account."));

  await t.signIn(page, "dana@orbit-labs.example");
  await expectVisible(page.getByRole("heading", { name: "Radiator", level: 1 }));
  const cards = page.getByRole("list", { name: /widest gap/ }).locator(".card h2 a");
  await page.waitForFunction(() => document.querySelectorAll(".card h2 a").length === 3);
  expectEqual(
    (await cards.allInnerTexts())[0],
    "Orbit self-serve launch",
    "the card with the widest gap comes first",
  );
  const orbit = page.getByRole("article", { name: "Orbit self-serve launch" });
  await expectVisible(orbit.getByText("The report is 2 steps greener than the evidence"));
  await expectVisible(orbit.getByText("Held", { exact: true }));
  await expectVisible(orbit.getByRole("img", { name: /Weekly activations: 150 .* to 290/ }));
  await t.checkA11y(page, "the radiator");
  await t.screenshot(page, "radiator");

  await page.getByRole("link", { name: "TV mode" }).first().click();
  await expectVisible(page.getByRole("heading", { name: "Plumbline radiator" }));
  await expectVisible(page.getByRole("status").getByText("Live"));
  await page.waitForFunction(() => document.querySelectorAll(".card h2 a").length === 3);
  await t.checkA11y(page, "TV mode");
  await t.screenshot(page, "tv");

  await page.goto("/alignment");
  await expectVisible(page.getByRole("heading", { name: /^Overall \d+/ }));
  await expectVisible(page.getByRole("heading", { name: "Psychological safety" }));
  await t.checkA11y(page, "the alignment index");
  await t.screenshot(page, "alignment", true);

  const phone = await t.newPage(PHONE);
  await t.signIn(phone, "dana@orbit-labs.example");
  await phone.waitForFunction(() => document.querySelectorAll(".card h2 a").length === 3);
  await t.expectNoHorizontalScroll(phone, "the radiator");
  await t.checkA11y(phone, "the radiator at phone width");
  await t.screenshot(phone, "radiator-phone");
  for (const section of [
    "",
    "/map",
    "/thermocline",
    "/milestones",
    "/gates",
    "/risks",
    "/requirements",
    "/signals",
  ]) {
    await phone.goto(`/initiatives/orbit-launch${section}`);
    await expectVisible(phone.getByRole("heading", { name: "Orbit self-serve launch", level: 1 }));
    await phone.waitForLoadState("networkidle");
    await t.expectNoHorizontalScroll(phone, `the initiative page${section}`);
    await t.checkA11y(phone, `the initiative page${section} at phone width`);
  }
});
