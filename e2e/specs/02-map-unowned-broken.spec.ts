// Journey: open an initiative and find the unowned, broken assumption on the connective-tissue map.
import { demoDate } from "../../src/demo/relative-dates.ts";
import { expectVisible, journey } from "../support/journey.ts";

const STATEMENT = "Onboarding capacity is ready before campaign demand arrives";

export default journey("open an initiative and find the unowned broken assumption on the map", async (t) => {
  const page = await t.newPage();
  await t.signIn(page, "pat@orbit-labs.example");
  await page.getByRole("link", { name: "Orbit self-serve launch" }).click();
  await expectVisible(page.getByRole("heading", { name: "Outcome scorecard" }));
  await page
    .getByRole("navigation", { name: "Initiative sections" })
    .getByRole("link", { name: "Map" })
    .click();

  const map = page.getByRole("region", { name: "Map of commitments and links between teams" });
  const link = map.getByRole("button", { name: `assumption · broken · unowned: ${STATEMENT}` });
  await expectVisible(link);
  // Keyboard, not the mouse: the map's links are buttons in the tab order.
  await link.focus();
  await page.keyboard.press("Enter");

  const details = page.getByRole("complementary", { name: STATEMENT });
  await expectVisible(details.getByText("Nobody: unowned"));
  await expectVisible(
    details.getByText("capacity.capacity_ready <= campaign.campaign_start", { exact: true }).first(),
  );
  // The demo is laid out relative to today: its dates move with the day it was loaded.
  const today = new Date().toISOString().slice(0, 10);
  const ready = demoDate("2026-03-01", today);
  const start = demoDate("2026-02-01", today);
  await expectVisible(details.getByRole("row", { name: `capacity.capacity_ready "${ready}"` }));
  await expectVisible(details.getByRole("row", { name: `campaign.campaign_start "${start}"` }));
  await expectVisible(details.getByText("Broken", { exact: true }));
  await expectVisible(details.getByText(/Unowned assumption/));
  await t.checkA11y(page, "the map");
  await t.screenshot(page, "initiative-map", true);

  await page
    .getByRole("navigation", { name: "Initiative sections" })
    .getByRole("link", { name: "Thermocline" })
    .click();
  await expectVisible(page.getByText(/Off track on the ground became On track after 3 layers/));
  await expectVisible(page.getByText("Softened At risk → On track"));
  await t.checkA11y(page, "the thermocline");
  await t.screenshot(page, "thermocline", true);
});
