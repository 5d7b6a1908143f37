// Journey: a facilitator runs a pre-mortem end to end in the app: opens it, sees a colleague's risk arrive live,
// moves it to voting, a participant votes through the share link, closes it, and promotes the top item to a risk.
import type { Page } from "playwright-core";
import { expectVisible, journey, PHONE } from "../support/journey.ts";

const RISKS = "/initiatives/eu-data-residency/risks";
const QUESTION = "It is June and EU go-live slipped. Why?";
const NAMED = "The EU region's key management is not certified in time";
const ANONYMOUS = "Nobody tells sales the new date until customers ask";

const sessionOf = (page: Page) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: QUESTION }) });

export default journey("facilitate a pre-mortem: collect, vote, close and promote a risk", async (t) => {
  const facilitator = await t.newPage();
  await t.signIn(facilitator, "priya@orbit-labs.example");
  await facilitator.goto(RISKS);
  await facilitator.getByLabel("Question").fill(QUESTION);
  await facilitator.getByRole("button", { name: "Open pre-mortem" }).click();
  const shareLink = facilitator.getByRole("link", { name: /\/p\// });
  await expectVisible(shareLink);
  const url = await shareLink.innerText();
  const session = sessionOf(facilitator);
  await expectVisible(session.getByRole("button", { name: "Move to voting" }));
  await facilitator.evaluate(() => sessionStorage.setItem("e2e-not-reloaded", "yes"));
  const navigations = await facilitator.evaluate(() => performance.getEntriesByType("navigation").length);

  // A colleague adds a named risk in the app; the server's message for a too-short one sits at its field.
  const colleague = await t.newPage();
  await t.signIn(colleague, "yusuf@orbit-labs.example");
  await colleague.goto(RISKS);
  const add = colleague.getByRole("form", { name: `Add a risk to: ${QUESTION}` });
  await add.getByLabel("What went wrong?").fill("no");
  await add.getByRole("button", { name: "Add risk" }).click();
  const invalid = add.locator(".field--invalid").filter({ has: colleague.getByText("What went wrong?") });
  await expectVisible(invalid.locator(".field__error").getByText(/at least 3 characters/));
  await t.checkA11y(colleague, "the pre-mortem's add-a-risk form with a field error");
  await add.getByLabel("What went wrong?").fill(NAMED);
  await add.getByLabel("Likelihood").selectOption("high");
  await add.getByLabel("Impact").selectOption("high");
  await add.getByRole("button", { name: "Add risk" }).click();
  await expectVisible(add.getByText("Added under your name."));

  // The facilitator's list shows it without a reload.
  await expectVisible(session.getByText(NAMED), 5_000);

  // A participant with the share link adds one anonymously: it stays sealed until the session moves on.
  const guest = await t.newPage(PHONE);
  await guest.goto(url);
  await guest.getByLabel("What went wrong?").fill(ANONYMOUS);
  await guest.getByRole("button", { name: "Add risk anonymously" }).click();
  await expectVisible(guest.getByText(/Your risk was added anonymously\./));

  await session.getByRole("button", { name: "Move to voting" }).click();
  await expectVisible(session.getByText(/^Voting ·/));
  await expectVisible(session.getByText(ANONYMOUS));

  // The participant votes through the same link.
  await guest.reload();
  const vote = guest.getByRole("form", { name: `Your vote on: ${NAMED}` });
  await vote.getByLabel("Likelihood").selectOption("high");
  await vote.getByLabel("Impact").selectOption("high");
  await vote.getByRole("button", { name: "Vote" }).click();
  await expectVisible(vote.getByText("Your vote is counted."));
  await t.checkA11y(guest, "the pre-mortem's voting page");
  await t.expectNoHorizontalScroll(guest, "the voting page");

  await session.getByRole("button", { name: "Close the pre-mortem" }).click();
  await expectVisible(session.getByText(/^Closed ·/));
  await expectVisible(session.getByText(/Votes fewer than \d+ people voted/));

  // The top item (high likelihood and impact) comes first; promote it with an owner.
  const top = session.getByRole("listitem").first();
  await expectVisible(top.getByText(NAMED));
  const promote = top.getByRole("form", { name: `Promote to a risk: ${NAMED}` });
  await promote.getByLabel("Owner").selectOption({ label: "Yusuf Demir" });
  await promote.getByRole("button", { name: "Promote to a risk" }).click();
  await expectVisible(top.getByText(/In the register/));
  const register = facilitator.getByRole("region", { name: "Risk register" });
  await expectVisible(register.getByText(NAMED));

  const after = await facilitator.evaluate(
    () =>
      [
        sessionStorage.getItem("e2e-not-reloaded"),
        performance.getEntriesByType("navigation").length,
      ] as const,
  );
  if (after[0] !== "yes" || after[1] !== navigations)
    throw new Error("the facilitator's page reloaded instead of updating live");
  await t.checkA11y(facilitator, "the facilitated pre-mortem");
  await t.screenshot(facilitator, "premortem-facilitate", true);

  const phone = await t.newPage(PHONE);
  await t.signIn(phone, "priya@orbit-labs.example");
  await phone.goto(RISKS);
  await expectVisible(sessionOf(phone).getByText(NAMED));
  await t.expectNoHorizontalScroll(phone, "the risks page");
});
