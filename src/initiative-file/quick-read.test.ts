// The fast reader of valid files reads what the careful one reads, on every YAML file in the repository and on
// the scalars where YAML readers differ; what it cannot read the same, it leaves to the careful one.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSource } from "./locate.ts";
import { quickRead } from "./parse-initiative-file.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const careful = (text: string) => parseSource(text).document.toJS({ maxAliasCount: 100 }) as unknown;

describe("the quick read of an initiative file", () => {
  const files = execFileSync("git", ["ls-files", "*.yaml", "*.yml"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);

  it.each(files)("reads %s as the careful reader does, or leaves it", (file) => {
    const text = readFileSync(`${root}${file}`, "utf8");
    const quick = quickRead(text);
    if (quick !== null) expect(quick).toEqual(careful(text));
  });

  it("reads most of them", () => {
    const read = files.filter((file) => quickRead(readFileSync(`${root}${file}`, "utf8")) !== null);
    expect(read.length).toBeGreaterThan(files.length / 2);
  });

  const scalars = [
    "012",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "+12",
    "-0",
    "1e3",
    "1.5E-3",
    ".inf",
    "-.Inf",
    ".nan",
    ".NaN",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "true",
    "True",
    "TRUE",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "2026-02-10",
    "2026-02-10T12:00:00Z",
    "12:30",
    "1:20:30",
    "0.",
    ".5",
    "1e",
    "0x",
    "+0x1F",
    "0O17",
    "1.0e+3",
    "+.5",
    "NaN",
    ".NAN",
    "True",
    "tRue",
    "Null",
    "~",
    "9007199254740993",
    "'quoted'",
    '"double\\tquoted"',
    "a: b",
    "[1, 2]",
    "{a: 1}",
  ];
  it.each(scalars)("reads the value %j as the careful reader does", (value) => {
    const text = `value: ${value}\nlist:\n  - ${value}\n`;
    const quick = quickRead(text);
    if (quick !== null) expect(quick).toEqual(careful(text));
  });

  it.each([
    ["an alias", "a: &x [1]\nb: *x\n"],
    ["a tag", "a: !!binary aGVsbG8=\n"],
    ["a YAML 1.1 directive", "%YAML 1.1\n---\na: yes\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a syntax error", "a: [1, 2\n"],
  ])("leaves %s to the careful reader", (_, text) => {
    expect(quickRead(text)).toBeNull();
  });
});
