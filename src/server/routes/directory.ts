// The org and its directory: people (with reporting lines) and teams, in the initiative file's shapes.
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { AppError } from "../../domain/app-error.ts";
import { KeySchema } from "../../domain/primitives.ts";
import { PersonFileSchema, TeamFileSchema } from "../../initiative-file/schema.ts";
import {
  readOrg,
  readPeople,
  readPerson,
  readTeam,
  readTeams,
} from "../../use-cases/reads/read-directory.ts";
import type { Services } from "../../use-cases/services.ts";
import type { Person, Team } from "../../domain/model.ts";
import { putPerson } from "../../use-cases/directory/put-person.ts";
import { putTeam } from "../../use-cases/directory/put-team.ts";
import { actorOf, authorize, type AppEnv } from "../auth.ts";
import { authErrors, invalidInput, json } from "../responses.ts";

const errors = authErrors("Not found in this org");
import { decodeCursor, pageByKey, pageOf, PageQuerySchema } from "../pagination.ts";

const TeamItemSchema = TeamFileSchema.extend({ id: KeySchema });

const personOut = (p: Person) => ({
  id: p.id,
  name: p.name,
  title: p.title,
  manager: p.managerId,
  email: p.email,
  left: p.leftOn,
  active: p.leftOn === null,
});
const teamOut = (t: Team) => ({
  id: t.id,
  name: t.name,
  lead: t.leadId,
  members: t.members,
  wip_limit: t.wipLimit,
});

const PersonOutSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  manager: z.string().nullable(),
  email: z.string().nullable(),
  left: z.string().nullable(),
  active: z.boolean(),
});
const TeamOutSchema = z.object({
  id: z.string(),
  name: z.string(),
  lead: z.string().nullable(),
  members: z.array(z.string()),
  wip_limit: z.number().nullable(),
});

export function registerDirectory(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/org",
      tags: ["org"],
      summary: "The org this token belongs to, and the token's role",
      responses: {
        200: json(z.object({ id: z.string(), name: z.string(), role: z.string() }), "The org"),
        ...errors,
      },
    }),
    async (c) => {
      const { orgId, role } = authorize(c, "read");
      const org = await readOrg(services, orgId);
      if (!org) throw AppError.notFound("org", orgId);
      return c.json({ id: org.id, name: org.name, role }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people",
      tags: ["people"],
      summary: "List people",
      request: { query: PageQuerySchema },
      responses: { 200: json(pageOf(PersonOutSchema), "A page of people"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor);
      const page = pageByKey(
        await readPeople(services, orgId, { limit: limit + 1, ...(after ? { after } : {}) }),
        limit,
      );
      return c.json({ items: page.items.map(personOut), next_cursor: page.next_cursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{personId}",
      tags: ["people"],
      summary: "Get a person",
      request: { params: z.object({ personId: KeySchema }) },
      responses: { 200: json(PersonOutSchema, "The person"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { personId } = c.req.valid("param");
      const person = await readPerson(services, orgId, personId);
      if (!person) throw AppError.notFound("person", personId);
      return c.json(personOut(person), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/people/{personId}",
      tags: ["people"],
      summary: "Create or replace a person (set `left` when they leave)",
      request: {
        params: z.object({ personId: KeySchema }),
        body: {
          content: { "application/json": { schema: PersonFileSchema.omit({ id: true }) } },
          required: true,
        },
      },
      responses: { 200: json(PersonOutSchema, "The person"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "administer");
      const { orgId } = principal;
      const { personId } = c.req.valid("param");
      const body = c.req.valid("json");
      const person: Person = {
        id: personId,
        name: body.name,
        title: body.title ?? null,
        managerId: body.manager ?? null,
        email: body.email ?? null,
        leftOn: body.left ?? null,
      };
      await putPerson(services, orgId, person, actorOf(principal));
      return c.json(personOut(person), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/teams",
      tags: ["teams"],
      summary: "List teams",
      request: { query: PageQuerySchema },
      responses: { 200: json(pageOf(TeamOutSchema), "A page of teams"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor);
      const page = pageByKey(
        await readTeams(services, orgId, { limit: limit + 1, ...(after ? { after } : {}) }),
        limit,
      );
      return c.json({ items: page.items.map(teamOut), next_cursor: page.next_cursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/teams/{teamId}",
      tags: ["teams"],
      summary: "Get a team",
      request: { params: z.object({ teamId: KeySchema }) },
      responses: { 200: json(TeamOutSchema, "The team"), ...errors },
    }),
    async (c) => {
      const { orgId } = authorize(c, "read");
      const { teamId } = c.req.valid("param");
      const team = await readTeam(services, orgId, teamId);
      if (!team) throw AppError.notFound("team", teamId);
      return c.json(teamOut(team), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/teams/{teamId}",
      tags: ["teams"],
      summary: "Create or replace a team",
      request: {
        params: z.object({ teamId: KeySchema }),
        body: {
          content: { "application/json": { schema: TeamItemSchema.omit({ id: true }) } },
          required: true,
        },
      },
      responses: { 200: json(TeamOutSchema, "The team"), ...errors, ...invalidInput },
    }),
    async (c) => {
      const principal = authorize(c, "administer");
      const { orgId } = principal;
      const { teamId } = c.req.valid("param");
      const body = c.req.valid("json");
      const team: Team = {
        id: teamId,
        name: body.name ?? teamId,
        leadId: body.lead ?? null,
        members: body.members ?? [],
        wipLimit: body.wip_limit ?? null,
      };
      await putTeam(services, orgId, team, actorOf(principal));
      return c.json(teamOut(team), 200);
    },
  );
}
