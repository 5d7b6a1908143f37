// Journey: TV mode fits a 1280×800 screen without scrolling, scales its type up on a 4K wall display, and on a
// screen too small for every card turns pages of those that fit.
import type { Page } from "playwright-core";
import { expectVisible, journey } from "../support/journey.ts";

const SCREENS = [
  { name: "1280×800", width: 1280, height: 800 },
  { name: "3840×2160", width: 3840, height: 2160 },
];

/** How far the page overflows its screen either way, and how large a card's title is set. */
function measure(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const title = document.querySelector(".tv .card h2");
    return {
      down: root.scrollHeight - root.clientHeight,
      across: root.scrollWidth - root.clientWidth,
      titlePx: title ? Number.parseFloat(getComputedStyle(title).fontSize) : 0,
    };
  });
}

export default journey("TV mode fits 1280×800, scales to 4K, and pages what does not fit", async (t) => {
  const sizes: number[] = [];
  for (const screen of SCREENS) {
    const page = await t.newPage({ width: screen.width, height: screen.height });
    await t.signIn(page, "dana@orbit-labs.example");
    await page.goto("/tv");
    await expectVisible(page.getByRole("heading", { name: "Plumbline radiator" }));
    await page.waitForFunction(() => document.querySelectorAll(".card h2 a").length === 3);
    const { down, across, titlePx } = await measure(page);
    if (down > 1) throw new Error(`TV mode scrolls down by ${down}px at ${screen.name}`);
    if (across > 1) throw new Error(`TV mode scrolls sideways by ${across}px at ${screen.name}`);
    sizes.push(titlePx);
  }
  // A screen too small for every card shows those that fit, with the rest on pages turned in turn.
  const short = await t.newPage({ width: 1000, height: 680 });
  await t.signIn(short, "dana@orbit-labs.example");
  await short.goto("/tv?every=3");
  const pageOne = short.getByText(/^Page 1 of [2-3]$/);
  await expectVisible(pageOne);
  const firstTitles = await short.locator(".card h2").allInnerTexts();
  const { down } = await measure(short);
  if (down > 1) throw new Error(`TV mode scrolls down by ${down}px at 1000×680, with pages`);
  await expectVisible(short.getByText(/^Page 2 of [2-3]$/), 6_000);
  const secondTitles = await short.locator(".card h2").allInnerTexts();
  if (secondTitles.some((title) => firstTitles.includes(title)))
    throw new Error(`page 2 repeats page 1's cards: ${JSON.stringify([firstTitles, secondTitles])}`);
  await t.checkA11y(short, "TV mode turning its pages");

  const [small, large] = sizes as [number, number];
  if (large < 2 * small) {
    throw new Error(
      `a card title is ${small}px at 1280×800 and ${large}px at 3840×2160: not scaled for the wall`,
    );
  }
});
