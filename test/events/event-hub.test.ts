import { describe, expect, it } from "vitest";
import { EventHub } from "../../src/events/event-hub.ts";
import type { Store } from "../../src/store/open-store.ts";

/** A store whose only part in use is LISTEN: `notify` plays the database. */
function fakeStore() {
  let deliver: (payload: string) => void = () => undefined;
  const store = {
    listen: async (_channel: string, onPayload: (payload: string) => void) => {
      deliver = onPayload;
      return async () => undefined;
    },
  } as unknown as Store;
  return { store, notify: (payload: string) => deliver(payload) };
}

describe("the event hub", () => {
  it("delivers an org's events to its subscribers only", async () => {
    const { store, notify } = fakeStore();
    const hub = new EventHub(store);
    await hub.start();
    const seen: string[] = [];
    hub.subscribe("acme", (id) => seen.push(`acme ${id}`));
    hub.subscribe("other", (id) => seen.push(`other ${id}`));
    notify("acme:7");
    expect(seen).toEqual(["acme 7"]);
  });

  it("keeps a new subscriber when an old one unsubscribes twice (a stream that ends and then times out)", async () => {
    const { store, notify } = fakeStore();
    const hub = new EventHub(store);
    await hub.start();
    const unsubscribe = hub.subscribe("acme", () => undefined);
    unsubscribe();
    const seen: number[] = [];
    hub.subscribe("acme", (id) => seen.push(id));
    unsubscribe();
    notify("acme:8");
    expect(seen).toEqual([8]);
  });
});
