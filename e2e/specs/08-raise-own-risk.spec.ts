// Journey: a member raises a risk anonymously, then a risk in their name, and gives the anonymous one an owner.
import { expectVisible, journey } from "../support/journey.ts";

const ANONYMOUS = "Campaign emails may land in spam after the domain change";
const NAMED = "The onboarding videos are not localised for the EU launch";

export default journey("raise and own a risk", async (t) => {
  const page = await t.newPage();
  await t.signIn(page, "zoe@orbit-labs.example");
  await page.goto("/initiatives/orbit-launch/risks");
  const form = page.getByRole("form", { name: "Raise a risk" });
  await expectVisible(form);

  await form.getByRole("button", { name: "Raise risk" }).click();
  await expectVisible(form.locator(".field--invalid .field__error").getByText(/^.*Risk: /));
  await t.checkA11y(page, "the risk form with a field error");

  await form.getByLabel("Risk", { exact: true }).fill(ANONYMOUS);
  await form.getByLabel("Likelihood").selectOption("high");
  await form.getByLabel(/Raise anonymously/).check();
  await form.getByRole("button", { name: "Raise risk" }).click();
  await expectVisible(form.getByText("Raised anonymously."));
  const anonymousRow = page.getByRole("row").filter({ hasText: ANONYMOUS });
  await expectVisible(anonymousRow.getByText("Anonymous"));

  await form.getByLabel(/Raise anonymously/).uncheck();
  await form.getByLabel("Risk", { exact: true }).fill(NAMED);
  await form.getByRole("button", { name: "Raise risk" }).click();
  await expectVisible(form.getByText("Raised, in your name."));
  // The last cell says who raised it (the owner cell's list names everyone).
  await expectVisible(
    page.getByRole("row").filter({ hasText: NAMED }).locator("td").last().getByText("Zoe Adams"),
  );

  const owner = page.getByLabel(`Owner of: ${ANONYMOUS}`);
  await owner.selectOption("omar");
  await expectVisible(anonymousRow.locator("td:not(.flag--bad)").getByLabel(`Owner of: ${ANONYMOUS}`));
  await page.reload();
  const after = await page.getByLabel(`Owner of: ${ANONYMOUS}`).inputValue();
  if (after !== "omar") throw new Error(`the owner after a reload is '${after}', not 'omar'`);
  await t.checkA11y(page, "the risk register");
  await t.screenshot(page, "risk-raise-and-own", true);
});
