// Progress on a terminal is one line redrawn in place; anywhere else it is a line per step, as logs want.
import { describe, expect, it } from "vitest";
import type { CliIo } from "./io.ts";
import { progress } from "./progress.ts";

function capture(terminal?: { columns: number }) {
  const written: string[] = [];
  const io: CliIo = {
    stdout: () => {},
    stderr: (text) => void written.push(text),
    env: {},
    cwd: "/",
    clock: () => new Date(),
    color: false,
    ...(terminal ? { terminal } : {}),
  };
  return { io, text: () => written.join("") };
}

const ESC = String.fromCharCode(27);
const TO_COLUMN = new RegExp(`\r|${ESC}\\[\\d*G|\n`);
const CONTROL = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[78]`, "g");

/** What a terminal shows line by line, each redraw (a return to the first column) as a line of its own. */
const screen = (raw: string) =>
  raw
    .split(TO_COLUMN)
    .map((line) => line.replace(CONTROL, ""))
    .filter((line) => line.trim() !== "");

describe("progress on stderr", () => {
  it("writes a line per step where stderr is no terminal", () => {
    const { io, text } = capture();
    const shown = progress(io, "jira", "issues read");
    shown.update(50, 120);
    shown.update(120, 120);
    shown.stop();
    expect(text()).toBe("jira: 50 of 120 issues read\njira: 120 of 120 issues read\n");
  });

  it("names what was last done, and leaves out a total nobody knows", () => {
    const { io, text } = capture();
    const shown = progress(io, "keps", "initiatives imported");
    shown.update(3, 20, "sig-node");
    const unknown = progress(io, "github", "issues read");
    unknown.update(100, null);
    expect(text()).toBe("keps: 3 of 20 initiatives imported (sig-node)\ngithub: 100 issues read\n");
  });

  it("redraws one bar in place on a terminal and ends its line when stopped", async () => {
    const { io, text } = capture({ columns: 80 });
    const shown = progress(io, "jira", "issues read");
    // Redrawn at most ten times a second: the steps here are further apart than that.
    shown.update(0, 100);
    await new Promise((resolve) => setTimeout(resolve, 250));
    shown.update(50, 100);
    await new Promise((resolve) => setTimeout(resolve, 250));
    shown.update(100, 100);
    shown.stop();
    const raw = text();
    // One line: no newline until the bar stops, then exactly one.
    expect(raw.indexOf("\n")).toBe(raw.length - 1);
    const drawn = screen(raw);
    expect(drawn.at(-1)).toBe(`jira: [${"█".repeat(24)}] 100 of 100 issues read`);
    expect(drawn).toContain(`jira: [${"█".repeat(12)}${"░".repeat(12)}] 50 of 100 issues read`);
  });

  it("counts without a bar on a terminal when the total is unknown, and draws nothing after stopping", async () => {
    const { io, text } = capture({ columns: 80 });
    const shown = progress(io, "github", "issues read");
    shown.update(100, null);
    shown.update(200, null);
    shown.stop();
    const after = text().length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(text().length).toBe(after);
    expect(screen(text()).at(-1)).toBe("github: 200 issues read");
  });
});
