// A GitHub on localhost (node:http) replaying recorded REST traffic (test/fixtures/github/README.md): each
// request is answered with the recorded response of the same path and page, its headers as recorded, with
// links to api.github.com pointed back at the replay. A test can put answers before the recording (a rate
// limit, a refusal) and reads what was asked.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  path: string;
  status: number;
  response: unknown;
  reqheaders: Record<string, string>;
  headers: Record<string, string>;
}

export const recording = (name: string): Recorded[] =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/github/${name}.normalized-fixture.json`, import.meta.url), "utf8"),
  ) as Recorded[];

export interface Asked {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

export interface GitHubReplay {
  apiUrl: string;
  asked: Asked[];
  /** Answers given before the recording, one per request, first in first out. */
  before: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>;
  /** What the recorded responses are replaced with, by the page they answer (1 is the first). */
  pages: Map<number, unknown[]> | null;
  /**
   * Listings served by path instead of the recording, as their pages (a `link` to the next while there is one):
   * for the listings octokit recorded none of, built from recorded objects.
   */
  paths: Map<string, unknown[][]>;
  close(): Promise<void>;
}

/** The page a recorded or asked path names: its `page` parameter, 1 when it has none. */
const pageOf = (query: URLSearchParams) => Number(query.get("page") ?? "1");

export async function replayGitHub(recorded: Recorded[]): Promise<GitHubReplay> {
  const replay: GitHubReplay = {
    apiUrl: "",
    asked: [],
    before: [],
    pages: null,
    paths: new Map(),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
  const byPage = new Map(recorded.map((r) => [pageOf(new URL(r.path, "http://x").searchParams), r]));
  const server: Server = createServer((req, res) => {
    req.resume().on("end", () => {
      const url = new URL(req.url ?? "/", replay.apiUrl);
      replay.asked.push({
        path: url.pathname,
        query: url.searchParams,
        authorization: req.headers.authorization,
      });
      const first = replay.before.shift();
      if (first) {
        res.writeHead(first.status, { "content-type": "application/json", ...first.headers });
        return res.end(JSON.stringify(first.body ?? { message: "API rate limit exceeded" }));
      }
      const page = pageOf(url.searchParams);
      const listing = replay.paths.get(url.pathname);
      if (listing) {
        const next = new URL(url);
        next.searchParams.set("page", String(page + 1));
        res.writeHead(200, {
          "content-type": "application/json",
          ...(page < listing.length ? { link: `<${next}>; rel="next"` } : {}),
        });
        return res.end(JSON.stringify(listing[page - 1] ?? []));
      }
      const answer = byPage.get(page);
      if (!answer) {
        res.writeHead(404, { "content-type": "application/json" });
        return res.end(JSON.stringify({ message: "Not Found" }));
      }
      const headers = Object.fromEntries(
        Object.entries(answer.headers)
          .filter(
            ([k]) => !["content-length", "transfer-encoding", "content-encoding", "connection"].includes(k),
          )
          .map(([k, v]) => [k, String(v).replaceAll("https://api.github.com", replay.apiUrl)]),
      );
      res.writeHead(answer.status, headers);
      res.end(JSON.stringify(replay.pages?.get(page) ?? answer.response));
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  replay.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return replay;
}
