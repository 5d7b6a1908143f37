// plumb serve runs the notifier beside the evaluator: a delivery queued before it starts is sent, signed, by
// the running server, and the server stops cleanly (the notifier's pass finished) when asked.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "../../src/domain/webhook-signature.ts";
import { serveApp } from "../../src/cli/commands/serve.ts";
import { listDeliveries, putEndpoint } from "../../src/store/notification-repository.ts";
import { notify } from "../../src/use-cases/notifications/notifier.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";

describe("plumb serve and notifications", () => {
  it("delivers queued notifications while serving, and stops cleanly", async () => {
    const store = await backends()[0]!.open();
    const received: boolean[] = [];
    const hook = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        received.push(
          verifyWebhook({
            secret: "serve-test-secret-16",
            body,
            timestamp: request.headers[TIMESTAMP_HEADER] as string,
            signature: request.headers[SIGNATURE_HEADER] as string,
          }),
        );
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => hook.listen(0, "127.0.0.1", done));
    try {
      const services = { ...servicesFor(store), clock: () => new Date() };
      const org = await freshOrg(store);
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;
      await putEndpoint(store.db, {
        orgId: org,
        id: "ops",
        channel: "webhook",
        url,
        secret: "serve-test-secret-16",
        kinds: [],
      });
      const notice = { kind: "reminder", title: "t", text: "x", initiativeId: null, subject: null, to: null };
      await notify(store.db, org, notice, "serve", services.clock());
      let stop!: () => void;
      const untilStopped = new Promise<void>((resolve) => (stop = resolve));
      const config = loadConfig({ PORT: "0", PLUMBLINE_ALLOW_PRIVATE_WEBHOOKS: "true" });
      const errors: string[] = [];
      const io = {
        stdout: () => undefined,
        stderr: (text: string) => errors.push(text),
        env: {},
        cwd: process.cwd(),
        clock: () => new Date(),
        color: false,
        untilStopped,
      };
      const serving = serveApp(services, config, io, () => undefined);
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      stop();
      await serving;
      expect(received).toEqual([true]);
      const [delivery] = await listDeliveries(store.db, org, { limit: 1 });
      expect(delivery?.status).toBe("sent");
      expect(errors.filter((e) => e.includes("notification"))).toEqual([]);
    } finally {
      hook.close();
      await store.close();
    }
  });
});
