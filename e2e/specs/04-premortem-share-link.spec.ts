// Journey: submit an anonymous risk through a pre-mortem's share link, in a browser with no account.
import { expectEqual, expectVisible, journey } from "../support/journey.ts";

const QUESTION = "It is August and the launch failed. Why?";
const RISK = "Nobody owns the queue between signup and onboarding";

export default journey("submit an anonymous risk through a share link without an account", async (t) => {
  const facilitator = await t.newPage();
  await t.signIn(facilitator, "dana@orbit-labs.example");
  await facilitator.goto("/initiatives/orbit-launch/risks");
  await facilitator.getByLabel("Question").fill(QUESTION);
  await facilitator.getByRole("button", { name: "Open pre-mortem" }).click();
  const shareLink = facilitator.getByRole("link", { name: /\/p\// });
  await expectVisible(shareLink);
  const url = await shareLink.innerText();

  const guest = await t.newPage();
  await guest.goto(url);
  await expectVisible(guest.getByRole("heading", { name: QUESTION, level: 1 }));
  expectEqual((await guest.context().cookies()).length, 0, "cookies in the guest's browser");
  await t.checkA11y(guest, "the pre-mortem share page");

  const risk = guest.getByLabel("What went wrong?");
  await risk.fill("no");
  await guest.getByRole("button", { name: "Add risk anonymously" }).click();
  await expectVisible(
    guest
      .locator(".field--invalid")
      .filter({ has: guest.getByText("What went wrong?") })
      .locator(".field__error"),
  );
  expectEqual(await risk.getAttribute("aria-invalid"), "true", "the risk field's aria-invalid");

  await risk.fill(RISK);
  await guest.getByLabel("Likelihood").selectOption("high");
  await guest.getByLabel("Impact").selectOption("high");
  await guest.getByLabel("Mitigation (optional)").fill("Name an owner for the handoff this week");
  await guest.getByRole("button", { name: "Add risk anonymously" }).click();
  await expectVisible(guest.getByText(/Your risk was added anonymously\./));
  // Risks are sealed until at least three are in: two more release the batch.
  for (const other of ["Support learns of the launch from customers", "The pricing page is not translated"]) {
    await risk.fill(other);
    await guest.getByRole("button", { name: "Add risk anonymously" }).click();
    await expectVisible(guest.getByText(/Your risk was added anonymously\./));
  }
  await guest.reload();
  await expectVisible(guest.getByRole("region", { name: "Raised so far" }).getByText(RISK));
  await t.screenshot(guest, "premortem", true);

  await facilitator.reload();
  const session = facilitator
    .getByRole("listitem")
    .filter({ has: facilitator.getByRole("heading", { name: QUESTION }) });
  await expectVisible(session.getByText(RISK));
  await expectVisible(session.getByText(/Anonymous/));
});
