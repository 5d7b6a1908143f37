// Journey: a person opens My work from the header, sees a report they owe and a gate vote awaiting them,
// follows the vote's link, votes, and finds it gone from My work; then follows the report's link to the form.
import { expectVisible, journey, PHONE } from "../support/journey.ts";

export default journey(
  "open My work, follow a vote awaiting you, vote, and see it leave the list",
  async (t) => {
    const page = await t.newPage();
    await t.signIn(page, "sam@orbit-labs.example");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" }).click();
    await expectVisible(page.getByRole("heading", { name: "My work", level: 1 }));

    const votes = page.getByRole("region", { name: /Gate votes awaiting you/ });
    const reports = page.getByRole("region", { name: /Reports you owe/ });
    const vote = votes.getByRole("link", { name: "Vote on EU go-live as Sales" });
    await expectVisible(vote);
    await expectVisible(reports.getByRole("link", { name: /^Report on / }));
    await t.checkA11y(page, "My work");
    await t.screenshot(page, "my-work", true);

    await vote.click();
    const gate = page.getByRole("article", { name: /^EU go-live/ });
    const form = gate.getByRole("form", { name: "Your vote on this gate" });
    await form.getByLabel("Go", { exact: true }).check();
    await form.getByRole("button", { name: "Vote Go" }).click();
    await expectVisible(form.getByText("Your Go is recorded."));

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" }).click();
    await expectVisible(votes.getByText("No gate waits for your vote."));

    // The owed report's link opens the report form on that subject.
    const report = reports.getByRole("link", { name: /^Report on / }).first();
    const subject = (await report.innerText()).replace(/^Report on /, "");
    await report.click();
    const posting = page.getByRole("form", { name: "Post a status report" });
    await expectVisible(posting);
    const chosen = await posting.getByLabel("Subject").evaluate((el) => {
      const select = el as HTMLSelectElement;
      return select.options[select.selectedIndex]?.text ?? "";
    });
    if (!chosen.toLowerCase().includes(subject.replaceAll('"', "").toLowerCase()))
      throw new Error(`the report form opened on "${chosen}", not on ${subject}`);

    const phone = await t.newPage(PHONE);
    await t.signIn(phone, "sam@orbit-labs.example");
    await phone.goto("/me");
    await expectVisible(phone.getByRole("heading", { name: "My work", level: 1 }));
    await t.expectNoHorizontalScroll(phone, "My work");
  },
);
