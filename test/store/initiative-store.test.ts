import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { AppError } from "../../src/domain/app-error.ts";
import { CheckCompiler } from "../../src/checks/check-compiler.ts";
import { parseInitiativeFile } from "../../src/initiative-file/parse-initiative-file.ts";
import { deleteInitiative, listInitiatives, loadInitiative } from "../../src/store/initiative-repository.ts";
import type { Store } from "../../src/store/open-store.ts";
import { importInitiative } from "../../src/use-cases/import-initiative.ts";
import { changeInitiative } from "../../src/use-cases/change-initiative.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";
import { orbitText, smallDocument } from "../support/files.ts";

const orbit = () => {
  const parsed = parseInitiativeFile(orbitText(), { fileName: "orbit.yaml", checks: new CheckCompiler() });
  if (!parsed.ok) throw new Error("the Orbit example must parse");
  return parsed;
};

describe.each(backends())("store contract on $name", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => store.close());

  it("saves and loads an initiative unchanged", async () => {
    const org = await freshOrg(store);
    const { file, snapshot } = orbit();
    await importInitiative(servicesFor(store), org, file);
    const loaded = await loadInitiative(store.db, org, snapshot.initiative.id);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect({ ...loaded, people: byId(loaded!.people), teams: byId(loaded!.teams) }).toEqual({
      ...snapshot,
      people: byId(snapshot.people),
      teams: byId(snapshot.teams),
    });
  });

  it("keeps orgs apart: the same initiative id in two orgs, each sees its own", async () => {
    const [a, b] = [await freshOrg(store), await freshOrg(store)];
    await importInitiative(servicesFor(store), a, smallDocument({ summary: "A's" }));
    expect(await loadInitiative(store.db, b, "small-launch")).toBeNull();
    await importInitiative(servicesFor(store), b, smallDocument({ summary: "B's" }));
    expect((await loadInitiative(store.db, a, "small-launch"))!.initiative.summary).toBe("A's");
    expect((await loadInitiative(store.db, b, "small-launch"))!.initiative.summary).toBe("B's");
    expect((await listInitiatives(store.db, a, { limit: 10 })).map((i) => i.id)).toEqual(["small-launch"]);
  });

  it("imports nothing when the document is invalid", async () => {
    const org = await freshOrg(store);
    const bad = smallDocument({
      links: [{ kind: "assumption", between: ["campaign", "nope"], statement: "S" }],
    });
    await expect(importInitiative(servicesFor(store), org, bad)).rejects.toBeInstanceOf(AppError);
    expect(await listInitiatives(store.db, org, { limit: 10 })).toEqual([]);
  });

  it("rolls back a change that fails part-way: the initiative is as it was", async () => {
    const org = await freshOrg(store);
    await importInitiative(servicesFor(store), org, smallDocument());
    const before = await loadInitiative(store.db, org, "small-launch");
    await expect(
      changeInitiative(servicesFor(store), org, "small-launch", {
        apply(document) {
          document.links = [];
          throw new Error("failure after the change began");
        },
      }),
    ).rejects.toThrow("failure after the change began");
    expect(await loadInitiative(store.db, org, "small-launch")).toEqual(before);
  });

  it("rejects a change that breaks a reference, naming the field, and keeps the old state", async () => {
    const org = await freshOrg(store);
    await importInitiative(servicesFor(store), org, smallDocument());
    const error = await changeInitiative(servicesFor(store), org, "small-launch", {
      apply(document) {
        document.links![0]!.owner = "ghost";
      },
      at: () => ["links", 0],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).problems).toEqual([
      { path: "owner", message: "unknown person 'ghost' (not in people)" },
    ]);
    expect((await loadInitiative(store.db, org, "small-launch"))!.links[0]!.ownerId).toBeNull();
  });

  it("deletes an initiative with everything in it", async () => {
    const org = await freshOrg(store);
    await importInitiative(servicesFor(store), org, orbit().file);
    expect(
      await store.db.transaction((tx) => deleteInitiative(tx as never, org, "orbit-self-serve-launch")),
    ).toBe(true);
    expect(await loadInitiative(store.db, org, "orbit-self-serve-launch")).toBeNull();
  });

  it("round-trips import → export → import through the store", async () => {
    const org = await freshOrg(store);
    const { fromSnapshot } = await import("../../src/initiative-file/from-snapshot.ts");
    await importInitiative(servicesFor(store), org, orbit().file);
    const exported = stringify(
      fromSnapshot((await loadInitiative(store.db, org, "orbit-self-serve-launch"))!),
    );
    const again = parseInitiativeFile(exported, { fileName: "x", checks: new CheckCompiler() });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.snapshot.links).toEqual(orbit().snapshot.links);
  });
});
