// Journey: a lead builds an initiative from nothing (a commitment, a milestone, a link between two
// commitments) and sees it on the initiative's pages; a file with a mistake shows the problem at its line.
import { expectVisible, journey } from "../support/journey.ts";

const NAME = "Partner portal";

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

  await scratch.getByLabel("Name", { exact: true }).fill(NAME);
  await scratch.getByRole("button", { name: "Create initiative" }).click();
  await expectVisible(page.getByRole("heading", { level: 1, name: NAME }));
});
