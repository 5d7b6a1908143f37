// Journey: a facilitator opens a pre-mortem and invites its k (five) people with personal links instead of the
// open one; each votes through their own link, and once closed the group's tally shows, over five distinct
// invited people (an open link's votes never make one).
import type { Page } from "playwright-core";
import { expectVisible, journey, PHONE } from "../support/journey.ts";

const RISKS = "/initiatives/eu-data-residency/risks";
const QUESTION = "It is September and EU customers are still waiting. Why?";
const NAMED = "The data-processing addendum is still with legal";

const sessionOf = (page: Page) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: QUESTION }) });

export default journey("invite k people to a pre-mortem, and see their votes tallied at close", async (t) => {
  const facilitator = await t.newPage();
  await t.signIn(facilitator, "priya@orbit-labs.example");
  await facilitator.goto(RISKS);
  await facilitator.getByLabel("Question").fill(QUESTION);
  await facilitator.getByRole("button", { name: "Open pre-mortem" }).click();
  const issue = facilitator.getByRole("form", { name: "Issue invitations" });
  // The count offered is the session's k.
  const count = await issue.getByLabel("People to invite").inputValue();
  if (count !== "5") throw new Error(`the invitations offered are ${count}, not the session's k of 5`);
  await issue.getByRole("button", { name: "Issue invitations" }).click();
  const links = facilitator.getByRole("list", { name: "Invitation links" }).getByRole("link");
  await expectVisible(links);
  const invitations = await links.allInnerTexts();
  if (invitations.length !== 5 || invitations.some((l) => !l.includes("#invitation=")))
    throw new Error(`expected five invitation links, got ${JSON.stringify(invitations)}`);
  await t.checkA11y(facilitator, "the pre-mortem's invitations");

  const session = sessionOf(facilitator);
  const add = facilitator.getByRole("form", { name: `Add a risk to: ${QUESTION}` });
  await add.getByLabel("What went wrong?").fill(NAMED);
  await add.getByRole("button", { name: "Add risk" }).click();
  await expectVisible(session.getByText(NAMED));
  await session.getByRole("button", { name: "Move to voting" }).click();
  await expectVisible(session.getByText(/^Voting ·/));

  for (const link of invitations) {
    const guest = await t.newPage(PHONE);
    await guest.goto(link);
    const vote = guest.getByRole("form", { name: `Your vote on: ${NAMED}` });
    await vote.getByLabel("Likelihood").selectOption("high");
    await vote.getByLabel("Impact").selectOption("medium");
    await vote.getByRole("button", { name: "Vote" }).click();
    await expectVisible(vote.getByText("Your vote is counted."));
  }

  await session.getByRole("button", { name: "Close the pre-mortem" }).click();
  await expectVisible(session.getByText(/^Closed ·/));
  await expectVisible(
    session.getByText("5 voted · likelihood 0 low, 0 medium, 5 high · impact 0 low, 5 medium, 0 high"),
  );
});
