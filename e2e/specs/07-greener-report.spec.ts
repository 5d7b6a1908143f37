// Journey: a member posts a report greener than the evidence; the form shows the evidence first, asks for the
// reason in words, and the reason is stored and shown with the report.
import { expectVisible, journey } from "../support/journey.ts";

const REASON = "The failing check reads last week's numbers; the new signup flow shipped on Monday";

export default journey("post a report greener than the evidence and give the reason", async (t) => {
  const page = await t.newPage();
  await t.signIn(page, "zoe@orbit-labs.example");
  await page.goto("/initiatives/orbit-launch");
  const form = page.getByRole("form", { name: "Post a status report" });
  await expectVisible(form);
  await expectVisible(
    form.getByRole("group", { name: "What the evidence says" }).getByText("Evidence health:"),
  );
  await expectVisible(form.getByText("Open signals:"));
  await form.getByLabel("Subject").selectOption("initiative");
  await form.getByLabel("Health").selectOption("on_track");
  const reason = form.getByLabel("Why is your report greener than the evidence?");
  await expectVisible(reason);
  await form.getByLabel("Note").fill("Signups are climbing again");
  // Without the reason the server refuses, and says what to do in words.
  await form.getByRole("button", { name: "Post report" }).click();
  await expectVisible(form.locator(".field--invalid .field__error").getByText(/Reason for a greener report/));
  await t.checkA11y(page, "the report form with a field error");

  await reason.fill(REASON);
  await form.getByRole("button", { name: "Post report" }).click();
  await expectVisible(form.getByText(/Posted: On track, greener than the evidence/));
  await expectVisible(page.getByText(REASON));
  await t.checkA11y(page, "the posted report");
  await t.screenshot(page, "report-greener-reason", true);
});
