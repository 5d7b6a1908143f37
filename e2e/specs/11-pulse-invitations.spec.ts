// Journey: a lead opens a psychological-safety pulse for a team, issues three personal invitations, three people
// answer through their links in browsers of their own with no account, and the lead closes it: the result shows
// only then, once k people have answered, and never who answered.
import type { Page } from "playwright-core";
import { expectEqual, expectVisible, journey, PHONE } from "../support/journey.ts";

const pulseOf = (page: Page, team: string) =>
  page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: team, exact: true }) })
    .first();

/** Rates the seven statements and sends them. */
async function send(page: Page, ratings: number[], beforeSending?: () => Promise<void>): Promise<void> {
  const form = page.getByRole("form", { name: "How true is each statement of your team?" });
  for (const [i, rating] of ratings.entries()) {
    const statement = form.getByRole("group", { name: new RegExp(`^${i + 1}\\. `) });
    await statement.getByLabel(new RegExp(`^${rating}\\b`)).check();
  }
  await beforeSending?.();
  await form.getByRole("button", { name: "Send my answer anonymously" }).click();
}

export default journey(
  "run a pulse: invite three people, they answer anonymously, results only at k",
  async (t) => {
    const lead = await t.newPage();
    await t.signIn(lead, "lee@orbit-labs.example");
    await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pulses" }).click();
    await expectVisible(lead.getByRole("heading", { name: "Open a pulse" }));

    // The server's words for a group too small sit at the field.
    const open = lead.getByRole("form", { name: "Open a pulse" });
    const team = await open
      .getByLabel("Team")
      .locator("option", { hasText: /engineering/i })
      .first()
      .innerText();
    await open.getByLabel("Team").selectOption({ label: team });
    await open.getByLabel("Minimum group size").fill("2");
    await open.getByRole("button", { name: "Open pulse" }).click();
    const sizeError = open.locator(".field--invalid").filter({ has: lead.getByText("Minimum group size") });
    await expectVisible(sizeError.locator(".field__error").getByText(/give a number of at least 3/));
    await t.checkA11y(lead, "the open-a-pulse form with a field error");

    await open.getByLabel("Minimum group size").fill("3");
    await open.getByRole("button", { name: "Open pulse" }).click();
    const pulse = pulseOf(lead, team);
    await expectVisible(pulse.getByRole("button", { name: "Close the pulse" }));
    await expectVisible(pulse.getByText(/Results are withheld while the pulse is open/));

    // Three personal invitations, shown once as links.
    const invite = pulse.getByRole("form", { name: "Issue invitations" });
    await invite.getByLabel("People to invite").fill("3");
    await invite.getByRole("button", { name: "Issue invitations" }).click();
    const links = pulse.getByRole("list", { name: "Invitation links" }).getByRole("link");
    await expectVisible(links);
    const urls = await links.allInnerTexts();
    expectEqual(urls.length, 3, "invitation links");
    for (const url of urls)
      if (!/\/q\/plp_[^#]+#invitation=piv_/.test(url)) throw new Error(`not a link: ${url}`);
    await expectVisible(pulse.getByText(/3 personal invitations/));
    await t.checkA11y(lead, "the pulse with its invitation links");
    // The links are not kept: after a reload they are gone for good.
    await lead.reload();
    const listed = pulseOf(lead, team);
    await expectVisible(listed.getByText(/Results are withheld while the pulse is open/));
    expectEqual(
      await listed.getByRole("list", { name: "Invitation links" }).count(),
      0,
      "links after a reload",
    );
    const beforeAnswers = await listed.innerText();

    // Each participant answers through their own link, in a browser of their own, signed in as nobody.
    const ratings = [
      [2, 6, 2, 6, 2, 6, 6],
      [1, 7, 1, 7, 1, 7, 7],
      [3, 5, 3, 5, 3, 5, 5],
    ];
    for (const [i, url] of urls.entries()) {
      const participant = await t.newPage(i === 0 ? PHONE : undefined);
      await participant.goto(url);
      await expectVisible(participant.getByRole("heading", { name: new RegExp(`pulse: ${team}`) }));
      if (i === 0) {
        // A statement left unrated is named before anything is sent.
        await participant.getByRole("button", { name: "Send my answer anonymously" }).click();
        await expectVisible(participant.getByText("Rate every statement: 7 still need a rating."));
        await t.checkA11y(participant, "the pulse's answer page with unrated statements");
        await t.expectNoHorizontalScroll(participant, "the pulse's answer page");
      }
      await send(participant, ratings[i]!, async () => {
        if (i === 0) await t.screenshot(participant, "pulse-answer", true);
      });
      await expectVisible(participant.getByText("Thank you: your answer is in."));
      // The same link opened elsewhere cannot answer again: the invitation has answered.
      const again = await t.newPage();
      await again.goto(url);
      await send(again, ratings[i]!);
      await expectVisible(again.getByText("this invitation has answered already"));
    }

    // Three answered, k is 3: still nothing while the pulse is open; nothing on it changed with the answers.
    await lead.reload();
    const reloaded = pulseOf(lead, team);
    await expectVisible(reloaded.getByText(/Results are withheld while the pulse is open/));
    expectEqual(await reloaded.innerText(), beforeAnswers, "the open pulse after three answers");

    await reloaded.getByRole("button", { name: "Close the pulse" }).click();
    // Reversed statements (1, 3, 5) score 8 − rating: the answers score 6, 7 and 5, so the mean is 6.
    await expectVisible(reloaded.getByText("6.00"));
    await expectVisible(reloaded.getByText(/3 people answered/));
    await expectVisible(reloaded.getByRole("table"));
    await expectVisible(reloaded.getByText(/^Closed /));
    const shown = await reloaded.innerText();
    if (/\d{1,2}:\d{2}/.test(shown)) throw new Error(`the result shows a time of day: ${shown}`);
    await t.checkA11y(lead, "the closed pulse with its result");
    await t.screenshot(lead, "pulse-results", true);

    // A closed pulse's link takes no more answers.
    const late = await t.newPage();
    await late.goto(urls[0]!);
    await expectVisible(late.getByText("This pulse is closed"));
  },
);
