// The GitHub settings of the environment: the token, and each repository's webhook secret, refused in words
// that never repeat what was given.
import { describe, expect, it } from "vitest";
import { isAppError } from "../domain/app-error.ts";
import { loadConfig } from "./config.ts";

describe("GitHub settings", () => {
  it("reads the token and the webhook secrets; without them, none", () => {
    const config = loadConfig({
      PLUMBLINE_GITHUB_TOKEN: "github_pat_s3cret",
      PLUMBLINE_GITHUB_WEBHOOK_SECRETS:
        '{"acme/billing": "a secret of some length", "*": "0123456789abcdef"}',
    });
    expect(config.githubToken).toBe("github_pat_s3cret");
    expect(config.githubWebhookSecrets).toEqual({
      "acme/billing": "a secret of some length",
      "*": "0123456789abcdef",
    });
    expect(loadConfig({})).toMatchObject({ githubToken: null, githubWebhookSecrets: {} });
  });

  it.each([["not json at all"], ['{"acme/billing": "short"}'], ['["0123456789abcdef"]']])(
    "refuses secrets given as %s, naming the variable and not its value",
    (value) => {
      let error: unknown;
      try {
        loadConfig({ PLUMBLINE_GITHUB_WEBHOOK_SECRETS: value });
      } catch (e) {
        error = e;
      }
      expect(isAppError(error)).toBe(true);
      const problems = JSON.stringify((error as { problems: unknown }).problems);
      expect(problems).toContain("PLUMBLINE_GITHUB_WEBHOOK_SECRETS");
      expect(problems).toContain("must be a JSON object of repository → secret");
      expect(problems).not.toContain(value.replace(/"/g, '\\"'));
    },
  );
});
