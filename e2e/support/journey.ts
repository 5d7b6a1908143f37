// The small language the specs are written in: a journey, fresh browsers, signing in, checks and screenshots.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { checkA11y } from "./a11y.ts";

export const PASSWORD = "plumbline-demo";
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface Journey {
  name: string;
  run(t: JourneyContext): Promise<void>;
}

export function journey(name: string, run: Journey["run"]): Journey {
  return { name, run };
}

export class JourneyContext {
  private readonly contexts: BrowserContext[] = [];
  /** What the pages' Content Security Policy refused: the app must need nothing it forbids. */
  readonly policyViolations: string[] = [];

  constructor(
    private readonly browser: Browser,
    readonly baseUrl: string,
    private readonly screenshotDir: string,
  ) {}

  /** A page in a browser context of its own: its own cookies, as a second person's browser would be. */
  async newPage(viewport = DESKTOP): Promise<Page> {
    const context = await this.browser.newContext({
      baseURL: this.baseUrl,
      viewport,
      reducedMotion: "reduce",
    });
    context.setDefaultTimeout(10_000);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Content Security Policy")) {
        this.policyViolations.push(`${page.url()}: ${message.text()}`);
      }
    });
    return page;
  }

  /** Signs in through the login page, as a person would. */
  async signIn(page: Page, email: string): Promise<void> {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
  }

  checkA11y(page: Page, label: string): Promise<void> {
    return checkA11y(page, label);
  }

  /** Saves docs/screenshots/<name>.png once the page has settled. */
  async screenshot(page: Page, name: string, fullPage = false): Promise<void> {
    await mkdir(this.screenshotDir, { recursive: true });
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await page.screenshot({
      path: join(this.screenshotDir, `${name}.png`),
      fullPage,
      animations: "disabled",
    });
  }

  /** Fails unless the page fits its viewport's width: nothing cut off or scrolling sideways. */
  async expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 1)
      throw new Error(`${label} scrolls sideways by ${overflow}px at ${page.viewportSize()?.width}px wide`);
  }

  get pages(): Page[] {
    return this.contexts.flatMap((c) => c.pages());
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close()));
  }
}

/** Waits for `locator` to be visible; `within` bounds the wait (a live update must arrive in time). */
export async function expectVisible(locator: Locator, within = 10_000): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout: within });
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
