// E-mail over SMTP against a real SMTP server started here (smtp-server): a notice for a person with an address
// in the directory is mailed to them once, and a refused message is retried and recorded without secrets.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeliveries } from "../../src/store/notification-repository.ts";
import type { Store } from "../../src/store/open-store.ts";
import * as t from "../../src/store/schema.ts";
import type { Notice } from "../../src/use-cases/notifications/channels.ts";
import { notify, Notifier } from "../../src/use-cases/notifications/notifier.ts";
import { backends, freshOrg, servicesFor } from "../support/databases.ts";

interface Mail {
  from: string;
  to: string[];
  data: string;
}

describe.each(backends())("e-mail notifications on $name", (backend) => {
  let store: Store;
  let smtp: SMTPServer;
  let smtpUrl: string;
  let refuse = false;
  const mails: Mail[] = [];
  beforeAll(async () => {
    store = await backend.open();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
        stream.on("end", () => {
          if (refuse) {
            callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
            return;
          }
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((done) => smtp.listen(0, "127.0.0.1", () => done()));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => smtp.close(() => done()));
    await store.close();
  });

  async function orgWithPat(email: string | null): Promise<string> {
    const org = await freshOrg(store);
    await store.db.insert(t.people).values({ orgId: org, id: "pat", name: "Pat Okafor", email });
    return org;
  }

  const notice: Notice = {
    kind: "reminder",
    title: "A report on Orbit is due",
    text: "Orbit expects a report every 7 days.",
    initiativeId: "orbit",
    subject: "initiative:orbit",
    to: { id: "pat", name: "Pat Okafor" },
  };

  it("mails the person once, however often the notice is queued", async () => {
    // An address of this test's own: on a shared database, a drain also sends what other tests queued.
    const address = `pat-${randomBytes(4).toString("hex")}@example.com`;
    const org = await orgWithPat(address);
    const services = servicesFor(store);
    const mail = { smtpUrl, from: "Plumbline <plumbline@example.com>" };
    expect(await notify(store.db, org, notice, "r1", services.clock(), { email: true })).toBe(1);
    expect(await notify(store.db, org, notice, "r1", services.clock(), { email: true })).toBe(0);
    const before = mails.length;
    await new Notifier(services, { mail }).drain();
    const sent = mails.slice(before).filter((m) => m.to.includes(address));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toEqual([address]);
    expect(sent[0]!.from).toBe("plumbline@example.com");
    expect(sent[0]!.data).toContain("Subject: A report on Orbit is due");
    expect(sent[0]!.data).toContain("Orbit expects a report every 7 days.");
    const [delivery] = await listDeliveries(store.db, org, { limit: 5 });
    expect(delivery).toMatchObject({ channel: "email", recipient: "pat", status: "sent", attempts: 1 });
  });

  it("queues no e-mail for a person without an address, and records a refusal to retry", async () => {
    const none = await orgWithPat(null);
    expect(await notify(store.db, none, notice, "r2", new Date(), { email: true })).toBe(0);

    const org = await orgWithPat("pat@example.com");
    const services = servicesFor(store);
    await notify(store.db, org, notice, "r3", services.clock(), { email: true });
    refuse = true;
    try {
      await new Notifier(services, { mail: { smtpUrl, from: "plumbline@example.com" } }).drain();
    } finally {
      refuse = false;
    }
    const [delivery] = await listDeliveries(store.db, org, { limit: 5 });
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    expect(delivery!.lastError).toBe("the mail server did not take the message (550)");
  });
});
