import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldMessage } from "./field-messages.ts";

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error!.issues.map((issue) => fieldMessage(issue));

describe("field messages", () => {
  const Body = z
    .object({
      narrative: z.string().min(3).max(10),
      health: z.enum(["on_track", "at_risk"]),
      confidence: z.number().min(0).max(1).optional(),
      greener_reason: z.string().optional(),
      cites: z.array(z.string().min(1)).optional(),
      date: z.iso.date().optional(),
    })
    .strict();

  it("names the field and says what to do, in words", () => {
    expect(messages(Body, { narrative: "ok", health: "on_track" })).toEqual([
      "Narrative: write at least 3 characters",
    ]);
    expect(messages(Body, { narrative: "far too long here", health: "green" })).toEqual([
      "Narrative: write at most 10 characters",
      "Health: choose one of 'on_track', 'at_risk'",
    ]);
    expect(messages(Body, { health: "at_risk", confidence: 2 })).toEqual([
      "Narrative: is required: fill it in",
      "Confidence: give a number of at most 1",
    ]);
    expect(messages(Body, { narrative: "abc", health: "at_risk", greener_reason: 4 })).toEqual([
      "Greener reason: give text",
    ]);
    expect(messages(Body, { narrative: "abc", health: "at_risk", cites: ["a", ""] })).toEqual([
      "Cites, item 2: fill it in",
    ]);
    expect(messages(Body, { narrative: "abc", health: "at_risk", date: "2 March" })).toEqual([
      "Date: give a date as YYYY-MM-DD",
    ]);
    expect(messages(Body, { narrative: "abc", health: "at_risk", colour: "red" })).toEqual([
      "The request: remove 'colour': the request does not take that key",
    ]);
  });

  it("keeps a message written for the field", () => {
    const Subject = z.object({ subject: z.string().regex(/^[a-z]+$/, { message: "must be a team key" }) });
    expect(messages(Subject, { subject: "A!" })).toEqual(["Subject: must be a team key"]);
  });
});
