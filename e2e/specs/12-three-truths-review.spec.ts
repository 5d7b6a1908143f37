// Journey: a lead starts a three-truths review, a colleague gives their three truths in the app, and the lead
// promotes the worse-than-expected one to the risk register with an owner, then closes the review.
import { expectVisible, journey } from "../support/journey.ts";

const REVIEWS = "/initiatives/orbit-launch/reviews";
const NAME = "Launch week retro";
const WORSE = "Signups outran onboarding capacity by day two";

export default journey("run a three-truths review and promote a worse truth to a risk", async (t) => {
  const lead = await t.newPage();
  await t.signIn(lead, "pat@orbit-labs.example");
  await lead.goto(REVIEWS);
  const start = lead.getByRole("form", { name: "Start a review" });
  await start.getByRole("button", { name: "Start review" }).click();
  await expectVisible(start.locator(".field--invalid .field__error"));
  await start.getByLabel("Name", { exact: true }).fill(NAME);
  await start.getByRole("button", { name: "Start review" }).click();
  await expectVisible(lead.getByRole("link", { name: NAME }));

  const colleague = await t.newPage();
  await t.signIn(colleague, "omar@orbit-labs.example");
  await colleague.goto(REVIEWS);
  await colleague.getByRole("link", { name: NAME }).click();
  const form = colleague.getByRole("form", { name: "Your three truths" });
  await form.getByLabel("Better than expected").fill("The campaign landed on the day planned");
  await form.getByLabel("As expected").fill("Billing held up under the first week's load");
  await form.getByLabel("Worse than expected").fill(WORSE);
  await form.getByRole("button", { name: "Add my truths" }).click();
  await expectVisible(form.getByText("Your truths were added."));
  const worse = colleague.getByRole("region", { name: "Worse than expected" });
  await expectVisible(worse.getByText(WORSE));
  await expectVisible(worse.getByText("Omar Haddad"));

  await lead.getByRole("link", { name: NAME }).click();
  const promote = lead.getByRole("form", { name: `Promote to a risk: ${WORSE}` });
  await promote.getByLabel("Owner").selectOption({ label: "Omar Haddad" });
  await promote.getByLabel("Likelihood").selectOption("high");
  await promote.getByLabel("Impact").selectOption("high");
  await t.checkA11y(lead, "the review with its truths and the promote form");
  await promote.getByRole("button", { name: "Promote to a risk" }).click();
  await expectVisible(
    lead.getByRole("region", { name: "Worse than expected" }).getByText("In the risk register"),
  );

  // The lead closes the review: it takes no more truths, and the form gives way to saying so.
  await lead.getByRole("button", { name: "Close the review" }).click();
  await expectVisible(lead.getByRole("status").getByText(/This review takes no more truths/));
  await colleague.reload();
  await expectVisible(colleague.getByText(/This review takes no more truths/));
  if (await colleague.getByRole("form", { name: "Your three truths" }).count())
    throw new Error("a closed review still offers the truth form");

  await lead
    .getByRole("navigation", { name: "Initiative sections" })
    .getByRole("link", { name: "Risks" })
    .click();
  await expectVisible(lead.getByRole("region", { name: "Risk register" }).getByText(WORSE));
});
