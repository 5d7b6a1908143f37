// Journey: a lead builds an initiative from nothing (commitments, a milestone, a link between two commitments,
// a gate and its authorities) and sees it on the initiative's pages; a file with a mistake shows the problem at
// its line; a change made meanwhile is never overwritten; a member is offered no plan action.
import type { Locator } from "playwright-core";
import { expectEqual, expectVisible, journey } from "../support/journey.ts";

const NAME = "Partner portal";
const ID = "partner-portal";
const API = "Partner API";
const ONBOARDING = "Partner onboarding";
const MILESTONE = "Partner beta";
const CLAIM = "50 partners at most in the beta";
const GATE = "Partner launch";
const LINK = "The API is live before partners are onboarded";

const BROKEN_FILE = [
  "initiative: Broken portal",
  "owner: pat",
  "commitments:",
  "  api:",
  "    team: platform",
  "    title: Partner API",
  "    due: 2026-02-30",
].join("\n");

export default journey("build an initiative from nothing", async (t) => {
  const page = await t.newPage();
  await t.signIn(page, "pat@orbit-labs.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New initiative" }).click();
  const scratch = page.getByRole("form", { name: "Start from scratch" });
  await expectVisible(scratch);

  // A file with a mistake: the problem is shown at its line, and nothing is created.
  const upload = page.getByRole("form", { name: "Import a file" });
  await upload.getByLabel("The file's text").fill(BROKEN_FILE);
  await upload.getByRole("button", { name: "Check and create" }).click();
  const problemLine = upload.locator('.file-line--problem[data-line="7"]');
  await expectVisible(problemLine.getByText(/Line 7, column \d+: commitments\.api\.due/));
  await t.checkA11y(page, "the new initiative page with a file's problem at its line");
  await t.screenshot(page, "new-initiative", true);

  // From scratch: a name is enough (the owner defaults to the one creating it); the plan page opens.
  await scratch.getByRole("button", { name: "Create initiative" }).click();
  await expectVisible(scratch.locator(".field--invalid .field__error"));
  await scratch.getByLabel("Name", { exact: true }).fill(NAME);
  await scratch.getByRole("button", { name: "Create initiative" }).click();
  await expectVisible(page.getByRole("heading", { level: 1, name: NAME }));
  await expectVisible(page.getByRole("heading", { name: "Commitments" }));

  const add = async (kind: string, fill: (form: Locator) => Promise<void>) => {
    await page.getByRole("button", { name: `Add a ${kind}` }).click();
    const form = page.getByRole("form", { name: `Add a ${kind}` });
    await fill(form);
    await form.getByRole("button", { name: `Add ${kind}` }).click();
    await expectVisible(page.getByText(new RegExp(`^Added ${kind} `)));
  };
  await add("commitment", async (form) => {
    await form.getByLabel("Id", { exact: true }).fill("api");
    await form.getByLabel("Title").fill(API);
    await form.getByLabel("Team").selectOption("engineering");
    await form.getByLabel("Owner").selectOption("lee");
    await form.getByLabel("Due").fill("2026-09-01");
    await form.getByLabel("Facts").fill("ready: 2026-09-01");
  });
  // A field error from the server shows at its field.
  await page.getByRole("button", { name: "Add a commitment" }).click();
  const second = page.getByRole("form", { name: "Add a commitment" });
  await second.getByLabel("Id", { exact: true }).fill("onboarding");
  await second.getByLabel("Title").fill(ONBOARDING);
  await second.getByLabel("Team").selectOption("sales");
  await second.getByLabel("Facts").fill("2start: 2026-10-01");
  await second.getByRole("button", { name: "Add commitment" }).click();
  await expectVisible(
    second.locator(".field--invalid").filter({ hasText: "Facts" }).locator(".field__error"),
  );
  await t.checkA11y(page, "the plan with an item editor and a field error");
  await second.getByLabel("Facts").fill("start: 2026-10-01");
  await second.getByRole("button", { name: "Add commitment" }).click();
  await expectVisible(page.getByText("Added commitment onboarding."));

  await add("milestone", async (form) => {
    await form.getByLabel("Name").fill(MILESTONE);
    await form.getByLabel("Date").fill("2026-09-15");
    await form.getByLabel("Assumptions").fill("Partners integrate within two weeks");
  });
  await add("link", async (form) => {
    await form.getByLabel("Kind").selectOption("handoff");
    await form.getByLabel("From (delivers)").selectOption("api");
    await form.getByLabel("To (depends on it)").selectOption("onboarding");
    await form.getByLabel("Statement").fill(LINK);
    await form.getByLabel("Check").fill("api.ready <= onboarding.start");
    await form.getByLabel("Owner").selectOption("lee");
  });

  await add("gate", async (form) => {
    await form.getByLabel("Name").fill(GATE);
    await form.getByLabel("Authorities").fill("engineering: lee\nproduct: pat");
  });

  await add("metric", async (form) => {
    await form.getByLabel("Id", { exact: true }).fill("partners_live");
    await form.getByLabel("Unit").fill("partners");
  });
  await page.getByRole("button", { name: "Add an outcome" }).click();
  const outcome = page.getByRole("form", { name: "Add an outcome" });
  await outcome.getByLabel("Metric").selectOption("partners_live");
  await outcome.getByLabel("Target").fill(">= 20");
  await outcome.getByLabel("By").fill("2026-12-01");
  await outcome.getByRole("button", { name: "Add outcome" }).click();
  await expectVisible(page.getByText(/^Added outcome /));
  await add("requirement", async (form) => {
    await form.getByLabel("Id", { exact: true }).fill("partner_limit");
    await form.getByLabel("Title").fill("Partners at once");
    await form.getByLabel("Claims").fill(`engineering: ${CLAIM}\nsales: unlimited partners`);
  });

  // Someone else changes the commitment while it is open here: the save says so and offers to reload.
  await page.getByRole("button", { name: `Edit commitment: ${API}` }).click();
  const edit = page.getByRole("form", { name: "Edit commitment: api" });
  await edit.getByLabel("Due").fill("2026-09-10");
  const other = await t.newPage();
  await t.signIn(other, "dana@orbit-labs.example");
  await other.goto(`/initiatives/${ID}/plan`);
  await other.getByRole("button", { name: `Edit commitment: ${API}` }).click();
  const theirs = other.getByRole("form", { name: "Edit commitment: api" });
  await theirs.getByLabel("Due").fill("2026-09-20");
  await theirs.getByRole("button", { name: "Save changes" }).click();
  await expectVisible(other.getByText("Saved commitment api."));
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expectVisible(edit.getByText(/Someone else changed this commitment/));
  await edit.getByRole("button", { name: "Reload commitment" }).click();
  await edit.getByText(/Someone else changed this commitment/).waitFor({ state: "hidden" });
  expectEqual(await edit.getByLabel("Due").inputValue(), "2026-09-20", "the due date after a reload");
  await edit.getByLabel("Due").fill("2026-09-10");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expectVisible(page.getByText("Saved commitment api."));

  // What was built is on the initiative's pages.
  const tabs = page.getByRole("navigation", { name: "Initiative sections" });
  await tabs.getByRole("link", { name: "Overview" }).click();
  await expectVisible(page.getByText(API));
  await tabs.getByRole("link", { name: "Milestones & decisions" }).click();
  await expectVisible(page.getByText(MILESTONE));
  await tabs.getByRole("link", { name: "Requirements" }).click();
  await expectVisible(page.getByText(CLAIM).first());
  await tabs.getByRole("link", { name: "Gates" }).click();
  await expectVisible(page.getByText(GATE).first());
  await tabs.getByRole("link", { name: "Map" }).click();
  await expectVisible(page.getByText(LINK).first());
  await t.checkA11y(page, "the new initiative's map");
  await tabs.getByRole("link", { name: "Plan" }).click();
  await expectVisible(page.getByRole("heading", { name: "Links" }));
  await t.checkA11y(page, "the new initiative's plan");
  await t.screenshot(page, "plan-editor", true);

  // A member reads the plan; the server's policy gives them no plan actions, so none is offered.
  const member = await t.newPage();
  await t.signIn(member, "zoe@orbit-labs.example");
  await member.goto(`/initiatives/${ID}/plan`);
  await expectVisible(member.getByText(LINK));
  await expectVisible(member.getByText("The plan is changed by leads and admins"));
  const offered = await member.getByRole("button", { name: /^(Add|Edit) / }).count();
  expectEqual(offered, 0, "plan actions offered to a member");
  const header = member.getByRole("navigation", { name: "Main" });
  expectEqual(
    await header.getByRole("link", { name: "New initiative" }).count(),
    0,
    "New initiative for a member",
  );
});
