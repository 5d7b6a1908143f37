// Journey: a GitHub webhook delivery brings an issue in, and the initiative's Sources tab shows the sync: what
// the source reads, when it synced, what it created. Nobody reloads: the new sync arrives on the live stream.
// Then the lead moves the synced commitment's due date by hand, and the lanes show it as an override of GitHub's.
import { createHmac } from "node:crypto";
import { DEMO_WEBHOOK_SECRET } from "../support/demo-server.ts";
import { expectEqual, expectVisible, journey } from "../support/journey.ts";

const ISSUE = {
  number: 42,
  title: "Dunning e-mails for failed payments",
  html_url: "https://github.com/orbit-labs/billing/issues/42",
  state: "open",
  state_reason: null,
  closed_at: null,
  updated_at: "2026-02-09T15:04:00Z",
  assignee: { login: "ana-silva" },
  assignees: [{ login: "ana-silva" }],
  labels: [],
  milestone: null,
};

export default journey("a webhook's sync in the sync history", async (t) => {
  const page = await t.newPage();
  await t.signIn(page, "hana@orbit-labs.example");
  await page.goto("/initiatives/billing-migration/sources");
  await expectVisible(page.getByText("orbit-labs/billing, every issue"));
  await expectVisible(page.getByText("No sync has changed this initiative yet."));

  const body = JSON.stringify({
    action: "opened",
    issue: ISSUE,
    repository: { full_name: "orbit-labs/billing" },
  });
  const response = await fetch(`${t.baseUrl}/api/v1/webhooks/github`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": "journey-delivery-1",
      "x-hub-signature-256": `sha256=${createHmac("sha256", DEMO_WEBHOOK_SECRET).update(body).digest("hex")}`,
    },
    body,
  });
  expectEqual(response.status, 202, "the webhook's status");

  const syncs = page.getByRole("list", { name: "Syncs, latest first" });
  await expectVisible(syncs.getByText("Read 1 issue: 1 created"), 30_000);
  await expectVisible(syncs.getByText("Created: Dunning e-mails for failed payments (gh_42)"));
  await t.checkA11y(page, "the sources and sync history");
  await t.screenshot(page, "sync-history");

  // The lead moves the synced commitment's due date by hand: allowed, and shown as an override of GitHub's.
  await page.goto("/initiatives/billing-migration/plan");
  await page.getByRole("button", { name: `Edit commitment: ${ISSUE.title}` }).click();
  const edit = page.getByRole("form", { name: "Edit commitment: gh_42" });
  await edit.getByLabel("Due").fill("2026-03-20");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expectVisible(page.getByText("Saved commitment gh_42."));
  await page.goto("/initiatives/billing-migration");
  const overrides = page.getByRole("list", { name: "Changed by hand" });
  await expectVisible(overrides.getByText(/^Due changed by hand by Hana Sato on .*: GitHub says none$/));
  await expectVisible(page.getByRole("link", { name: "From GitHub orbit-labs/billing#42" }));
});
