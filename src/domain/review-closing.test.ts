import { describe, expect, it } from "vitest";
import { finalBatchAtClose, mayCloseReview } from "./review-closing.ts";

describe("closing a review", () => {
  it("is for whoever may plan", () => {
    expect(mayCloseReview("lead")).toBe(true);
    expect(mayCloseReview("admin")).toBe(true);
    expect(mayCloseReview("member")).toBe(false);
    expect(mayCloseReview("viewer")).toBe(false);
  });

  it("releases a whole batch, and keeps one or two truths sealed for good", () => {
    expect(finalBatchAtClose(0)).toEqual({ release: false, staySealed: 0 });
    expect(finalBatchAtClose(1)).toEqual({ release: false, staySealed: 1 });
    expect(finalBatchAtClose(2)).toEqual({ release: false, staySealed: 2 });
    expect(finalBatchAtClose(3)).toEqual({ release: true, staySealed: 0 });
    expect(finalBatchAtClose(4)).toEqual({ release: true, staySealed: 0 });
  });
});
