// The live stream: server-sent events of the caller's org, resumable with Last-Event-ID.
import type { OpenAPIHono } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import type { EventHub } from "../../events/event-hub.ts";
import { readEventsAfter, readLatestEventId, type ChangeEvent } from "../../use-cases/reads/read-events.ts";
import type { Services } from "../../use-cases/services.ts";
import { authorize, type AppEnv } from "../auth.ts";

const HEARTBEAT_MS = 15_000;

export function registerEvents(app: OpenAPIHono<AppEnv>, services: Services, hub: EventHub): void {
  app.get("/api/v1/events", async (c) => {
    const { orgId } = authorize(c, "read");
    const resumeFrom = Number(c.req.header("last-event-id") ?? c.req.query("last_event_id") ?? Number.NaN);
    // A new client starts from now; a returning one gets everything after the last event it saw.
    let lastSent =
      Number.isFinite(resumeFrom) && resumeFrom >= 0 ? resumeFrom : await readLatestEventId(services, orgId);
    return streamSSE(c, async (stream) => {
      let sending = Promise.resolve();
      const send = (events: ChangeEvent[]) =>
        events.reduce(
          (chain, event) =>
            chain.then(async () => {
              lastSent = Math.max(lastSent, event.id);
              await stream.writeSSE({
                id: String(event.id),
                event: event.type,
                data: JSON.stringify({
                  initiative: event.initiativeId,
                  at: event.at.toISOString(),
                  ...event.data,
                }),
              });
            }),
          Promise.resolve(),
        );
      const catchUp = () => {
        sending = sending
          .then(async () => send(await readEventsAfter(services, orgId, lastSent)))
          .catch(() => undefined);
        return sending;
      };
      const unsubscribe = hub.subscribe(orgId, (id) => {
        if (id > lastSent) void catchUp();
      });
      stream.onAbort(unsubscribe);
      // The ready event carries the id to resume from, so the browser's own reconnect sends Last-Event-ID.
      await stream.writeSSE({
        id: String(lastSent),
        event: "ready",
        data: JSON.stringify({ last_event_id: lastSent }),
        retry: 2000,
      });
      await catchUp();
      while (!stream.aborted) {
        await stream.sleep(HEARTBEAT_MS);
        if (!stream.aborted) await stream.write(": keep-alive\n\n");
      }
      unsubscribe();
    });
  });
}
