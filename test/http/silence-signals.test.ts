// Silencing many signals at once: one reason, one transaction, each signal by the rule for one, or none at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Role } from "../../src/domain/policy.ts";
import type { Store } from "../../src/store/open-store.ts";
import { createToken } from "../../src/use-cases/manage-tokens.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText } from "../support/files.ts";
import { apiClient } from "../support/http.ts";

interface SignalOut {
  fingerprint: string;
  status: string;
  silence: { mode: string; by: string; reason: string; expires_at: string | null } | null;
}
interface Problem {
  detail: string;
  errors: Array<{ field: string; message: string }>;
}

describe.each(backends())("silencing signals in bulk on $name", (backend) => {
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let org: string;
  const tokens: Record<string, string> = {};
  const base = "/api/v1/initiatives/orbit-self-serve-launch";
  const signals = async () =>
    ((await api.call("GET", `${base}/signals`, tokens.dana!)).body as { signals: SignalOut[] }).signals;
  const openFingerprints = async () =>
    (await signals()).filter((s) => s.status === "open").map((s) => s.fingerprint);
  const silenceCount = async () =>
    ((await api.call("GET", `${base}/silences?limit=200`, tokens.dana!)).body as { items: unknown[] }).items
      .length;
  const silence = (who: string, body: unknown) =>
    api.call("POST", `${base}/signals/silence`, tokens[who]!, body);

  beforeAll(async () => {
    store = await backend.open();
    api = apiClient(store);
    org = await freshOrg(store);
    expect((await api.seed(org, parse(orbitText()))).created).toBe(true);
    const people: Array<[string, Role]> = [
      ["dana", "admin"],
      ["mia", "lead"],
      ["lee", "member"],
    ];
    for (const [person, role] of people) {
      tokens[person] = (
        await createToken(servicesFor(store), {
          orgId: org,
          name: person,
          role,
          personId: person,
          expiresInDays: 1,
        })
      ).secret;
    }
  });
  afterAll(async () => store.close());

  it("acknowledges every signal listed with the one reason, each audited as its own act", async () => {
    const chosen = (await openFingerprints()).slice(0, 3);
    expect(chosen).toHaveLength(3);
    const res = await silence("lee", {
      action: "acknowledge",
      fingerprints: chosen,
      reason: "Triage on Monday: the same capacity gap",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((res.body as { silences: Array<{ mode: string }> }).silences).toHaveLength(3);
    const after = await signals();
    for (const fingerprint of chosen) {
      const signal = after.find((s) => s.fingerprint === fingerprint)!;
      expect(signal.status).toBe("acknowledged");
      expect(signal.silence).toMatchObject({
        mode: "acknowledged",
        by: "lee",
        reason: "Triage on Monday: the same capacity gap",
      });
    }
    const audit = (await api.call("GET", "/api/v1/audit?limit=200", tokens.dana!)).body as {
      items: Array<{ action: string; target: { id: string } }>;
    };
    const acknowledged = audit.items.filter((e) => e.action === "signal.acknowledge").map((e) => e.target.id);
    expect(acknowledged.sort()).toEqual([...chosen].sort());
    // Appended in one turn, each event still chains to the one before: the log verifies whole.
    const verified = await api.call("GET", "/api/v1/audit/verify", tokens.dana!);
    expect(verified.body).toMatchObject({ ok: true, first_problem: null });
  });

  it("suppresses in bulk until one day, as a lead", async () => {
    const chosen = (await openFingerprints()).slice(0, 2);
    const res = await silence("mia", {
      action: "suppress",
      fingerprints: chosen,
      reason: "Capacity plan lands next week",
      until: "2026-02-20",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const after = await signals();
    for (const fingerprint of chosen) {
      expect(after.find((s) => s.fingerprint === fingerprint)).toMatchObject({
        status: "suppressed",
        silence: { by: "mia", expires_at: "2026-02-20T00:00:00.000Z" },
      });
    }
  });

  it("changes nothing when one fingerprint may not be silenced, and names it with the reason", async () => {
    const suppressed = (await signals()).find((s) => s.status === "suppressed")!.fingerprint;
    const open = (await openFingerprints()).slice(0, 2);
    const before = await silenceCount();
    const res = await silence("lee", {
      action: "acknowledge",
      fingerprints: [open[0], suppressed, open[1]],
      reason: "Seen, all three",
    });
    expect(res.status).toBe(403);
    const problem = res.body as Problem;
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]!.field).toBe("fingerprints.1");
    expect(problem.errors[0]!.message).toContain(suppressed);
    expect(problem.errors[0]!.message).toContain("suppressed by 'mia'");
    expect(problem.detail).toMatch(/^nothing was acknowledged/);
    expect(await silenceCount()).toBe(before);
    const after = await openFingerprints();
    expect(after).toContain(open[0]);
    expect(after).toContain(open[1]);
    expect((await signals()).find((s) => s.fingerprint === suppressed)!.silence).toMatchObject({ by: "mia" });
  });

  it("refuses a member's acknowledgement over a lead's suppression on the single path too", async () => {
    const suppressed = (await signals()).find((s) => s.status === "suppressed")!.fingerprint;
    const res = await api.call("POST", `${base}/signals/${suppressed}/acknowledge`, tokens.lee!, {
      reason: "Seen it",
    });
    expect(res.status).toBe(403);
    expect((await signals()).find((s) => s.fingerprint === suppressed)!.status).toBe("suppressed");
  });

  it("changes nothing when a fingerprint is not a current signal, and names each one", async () => {
    const open = (await openFingerprints())[0]!;
    const before = await silenceCount();
    const res = await silence("dana", {
      action: "acknowledge",
      fingerprints: ["0123456789abcdef", open, "fedcba9876543210"],
      reason: "Seen",
    });
    expect(res.status).toBe(422);
    const problem = res.body as Problem;
    expect(problem.errors.map((e) => e.field)).toEqual(["fingerprints.0", "fingerprints.2"]);
    expect(problem.errors[0]!.message).toBe("'0123456789abcdef' is not a current signal of this initiative");
    expect(await silenceCount()).toBe(before);
    expect(await openFingerprints()).toContain(open);
  });

  it("lets only a lead or an admin suppress in bulk", async () => {
    const open = (await openFingerprints())[0]!;
    const res = await silence("lee", {
      action: "suppress",
      fingerprints: [open],
      reason: "Not this sprint",
      until: "2026-02-20",
    });
    expect(res.status).toBe(403);
    expect(await openFingerprints()).toContain(open);
  });

  it("names the field of bad input and the reason", async () => {
    const open = (await openFingerprints())[0]!;
    const fieldsOf = async (body: unknown, who = "dana") => {
      const res = await silence(who, body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return (res.body as Problem).errors;
    };
    expect(await fieldsOf({ action: "mute", fingerprints: [open], reason: "Seen it" })).toEqual([
      expect.objectContaining({ field: "action" }),
    ]);
    expect(await fieldsOf({ action: "acknowledge", fingerprints: [], reason: "Seen it" })).toEqual([
      { field: "fingerprints", message: expect.stringMatching(/at least 1 item/) },
    ]);
    const tooMany = Array.from({ length: 501 }, (_, i) => i.toString(16).padStart(16, "0"));
    expect(await fieldsOf({ action: "acknowledge", fingerprints: tooMany, reason: "Seen it" })).toEqual([
      { field: "fingerprints", message: expect.stringMatching(/at most 500/) },
    ]);
    expect(
      await fieldsOf({
        action: "acknowledge",
        fingerprints: [open, "not-a-fingerprint", open],
        reason: "Seen",
      }),
    ).toEqual([
      { field: "fingerprints.1", message: expect.stringMatching(/fingerprint/) },
      { field: "fingerprints.2", message: expect.stringMatching(/listed twice/) },
    ]);
    expect(await fieldsOf({ action: "acknowledge", fingerprints: [open], reason: "ok" })).toEqual([
      expect.objectContaining({ field: "reason" }),
    ]);
    expect(await fieldsOf({ action: "suppress", fingerprints: [open], reason: "Not this sprint" })).toEqual([
      { field: "until", message: expect.stringMatching(/required to suppress/) },
    ]);
    expect(
      await fieldsOf({ action: "suppress", fingerprints: [open], reason: "Not now", until: "2027-12-01" }),
    ).toEqual([{ field: "until", message: expect.stringMatching(/at most 180 days/) }]);
    expect(await openFingerprints()).toContain(open);
  });
});
