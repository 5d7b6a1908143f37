// Initiatives as wholes: list, import (create or replace from a document), export, delete, and their signals.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { stringify } from "yaml";
import { z } from "zod";
import { KeySchema } from "../../domain/primitives.ts";
import { fromSnapshot } from "../../initiative-file/from-snapshot.ts";
import { importInitiative } from "../../use-cases/import-initiative.ts";
import { importInitiativeFile } from "../../use-cases/import-initiative-file.ts";
import { loadInitiativeOrThrow, readInitiatives } from "../../use-cases/read-initiative.ts";
import { deleteInitiative } from "../../use-cases/delete-initiative.ts";
import type { Services } from "../../use-cases/services.ts";
import { actorOf, authorize, type AppEnv } from "../auth.ts";
import { authErrors, invalidInput, json, problem } from "../responses.ts";

const errors = authErrors("No such initiative in this org");
import { decodeCursor, pageByKey, pageOf, PageQuerySchema } from "../pagination.ts";

const InitiativeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  as_of: z.string().nullable(),
  summary: z.string().nullable(),
});
const Params = z.object({ initiativeId: KeySchema });
const DocumentSchema = z
  .record(z.string(), z.unknown())
  .describe("An initiative file as JSON (see docs/initiative-file.md and the JSON Schema)");
const FileTextSchema = z
  .string()
  .describe("An initiative file's text, YAML or JSON (docs/initiative-file.md)");
/** The media types that carry an initiative file's text rather than a JSON document. */
const TEXT_TYPE = /^(application|text)\/(x-)?yaml\b/i;

export function registerInitiatives(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives",
      tags: ["initiatives"],
      summary: "List the org's initiatives",
      request: { query: PageQuerySchema },
      responses: { 200: json(pageOf(InitiativeSummarySchema), "A page of initiatives"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor);
      const rows = await readInitiatives(services, orgId, {
        limit: limit + 1,
        ...(after ? { after } : {}),
      });
      const page = pageByKey(rows, limit);
      return c.json(
        {
          items: page.items.map((i) => ({
            id: i.id,
            name: i.name,
            owner: i.ownerId,
            as_of: i.asOf,
            summary: i.summary,
          })),
          next_cursor: page.next_cursor,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/initiatives",
      tags: ["initiatives"],
      summary:
        "Import an initiative: creates it, or replaces the initiative with the same id (unless If-None-Match: *)",
      description:
        "The body is the initiative as a JSON document, or the initiative file's own text as " +
        "`application/yaml` (YAML or JSON text): then each problem in `errors` also has the `line` and " +
        "`column` of the text where it is. With `If-None-Match: *` it only creates: an initiative that already " +
        "has the id is left alone and the import answers 412, naming `id`.",
      request: {
        headers: z.object({
          "if-none-match": z
            .literal("*")
            .optional()
            .describe("`*`: only create; an existing initiative with the id answers 412"),
        }),
        body: {
          content: {
            "application/json": { schema: DocumentSchema },
            "application/yaml": { schema: FileTextSchema },
            "text/yaml": { schema: FileTextSchema },
          },
          // Required in fact; declared optional so that a text body is not read as JSON (see TEXT_TYPE).
          required: false,
        },
      },
      responses: {
        201: json(InitiativeSummarySchema, "Created"),
        200: json(InitiativeSummarySchema, "Replaced"),
        ...errors,
        412: problem("If-None-Match: * was sent and an initiative with the id already exists"),
        ...invalidInput,
      },
    }),
    async (c) => {
      const principal = authorize(c, "plan");
      const options = {
        actor: actorOf(principal),
        role: principal.role,
        mustBeNew: c.req.valid("header")["if-none-match"] === "*",
      };
      const { snapshot, created } = TEXT_TYPE.test(c.req.header("content-type") ?? "")
        ? await importInitiativeFile(services, principal.orgId, await c.req.text(), options)
        : await importInitiative(services, principal.orgId, c.req.valid("json"), options);
      const i = snapshot.initiative;
      return c.json(
        { id: i.id, name: i.name, owner: i.ownerId, as_of: i.asOf, summary: i.summary },
        created ? 201 : 200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/initiatives/{initiativeId}",
      tags: ["initiatives"],
      summary: "Get an initiative as an initiative document (JSON, or YAML with ?format=yaml)",
      request: { params: Params, query: z.object({ format: z.enum(["json", "yaml"]).default("json") }) },
      responses: { 200: json(DocumentSchema, "The initiative document"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { initiativeId } = c.req.valid("param");
      const document = fromSnapshot(await loadInitiativeOrThrow(services, orgId, initiativeId));
      if (c.req.valid("query").format === "yaml") {
        return c.body(stringify(document), 200, {
          "content-type": "application/yaml; charset=utf-8",
        }) as never;
      }
      return c.json(document as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/initiatives/{initiativeId}",
      tags: ["initiatives"],
      summary: "Replace an initiative with a document (its id must match)",
      request: {
        params: Params,
        body: { content: { "application/json": { schema: DocumentSchema } }, required: true },
      },
      responses: {
        200: json(InitiativeSummarySchema, "Replaced"),
        201: json(InitiativeSummarySchema, "Created"),
        ...errors,
        ...invalidInput,
      },
    }),
    async (c) => {
      const principal = authorize(c, "plan");
      const { initiativeId } = c.req.valid("param");
      const body = { id: initiativeId, ...c.req.valid("json") };
      const { snapshot, created } = await importInitiative(services, principal.orgId, body, {
        expectId: initiativeId,
        actor: actorOf(principal),
        role: principal.role,
      });
      const i = snapshot.initiative;
      return c.json(
        { id: i.id, name: i.name, owner: i.ownerId, as_of: i.asOf, summary: i.summary },
        created ? 201 : 200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/initiatives/{initiativeId}",
      tags: ["initiatives"],
      summary: "Delete an initiative and everything in it",
      request: { params: Params },
      responses: { 204: { description: "Deleted" }, ...errors },
    }),
    async (c) => {
      const principal = authorize(c, "administer");
      const { initiativeId } = c.req.valid("param");
      await deleteInitiative(services, principal.orgId, initiativeId, actorOf(principal));
      return c.body(null, 204);
    },
  );
}
