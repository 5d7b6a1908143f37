// The typed HTTP client: same-origin fetch with the session cookie, the CSRF header on writes, problems as errors.
import type {
  Decision,
  DecisionKind,
  FieldError,
  Gate,
  GateStatus,
  HealthReport,
  InitiativeDocument,
  InitiativeSummary,
  Level,
  Link,
  Milestone,
  MyWork,
  OrgAlignment,
  Page,
  Person,
  PremortemSession,
  PremortemView,
  PlanItem,
  Pulse,
  RadiatorCard,
  Problem,
  Requirement,
  Review,
  ReviewClosure,
  Risk,
  Session,
  SharedPulse,
  SignalList,
  Silence,
  TeamSummary,
  Truth,
  Health,
  StatusReport,
  SyncRecord,
} from "./api-types.ts";

/** A failed request: the server's problem, with its field errors keyed by field. */
export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** Every field error as sent, with its line and column where the server placed it in a text. */
  readonly problems: readonly FieldError[];

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.problems = problem.errors ?? [];
    this.fieldErrors = Object.fromEntries(this.problems.map((e) => [e.field, e.message]));
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (an initiative file's text), instead of `body` as JSON. */
  text?: { content: string; type: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const initiativePath = (id: string) => `/api/v1/initiatives/${encodeURIComponent(id)}`;
const itemPath = (id: string, collection: string, itemId: string) =>
  `${initiativePath(id)}/${collection}/${encodeURIComponent(itemId)}`;
const sharePath = (secret: string) => `/share/premortems/${encodeURIComponent(secret)}`;
const pulsePath = (id: string) => `/api/v1/pulses/${encodeURIComponent(id)}`;
const pulseSharePath = (secret: string) => `/share/pulses/${encodeURIComponent(secret)}`;

export class ApiClient {
  private csrfToken: string | null = null;

  /** Called when the server no longer knows the session (signed out elsewhere, or revoked). */
  onUnauthorized: () => void = () => {};

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.exchange<T>(method, path, options)).data;
  }

  /** The request, answered with its body and the entity tag that versions it (for If-Match). */
  private async exchange<T>(
    method: Method,
    path: string,
    options: RequestOptions = {},
  ): Promise<{ data: T; etag: string | null }> {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.text) headers["content-type"] = options.text.type;
    if (method !== "GET" && this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    const response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.text
        ? options.text.content
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal,
    });
    const etag = response.headers.get("etag");
    if (response.status === 204) return { data: undefined as T, etag };
    const payload: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      if (response.status === 401 && path.startsWith("/api/")) this.onUnauthorized();
      throw new ApiError(response.status, payload as Problem);
    }
    return { data: payload as T, etag };
  }

  // ── session ──
  me(signal?: AbortSignal) {
    return this.request<Session>("GET", "/auth/me", { signal });
  }
  login(email: string, password: string) {
    return this.request<Session>("POST", "/auth/login", { body: { email, password } });
  }
  logout() {
    return this.request<{ ok: true }>("POST", "/auth/logout");
  }

  // ── reading ──
  initiatives(signal?: AbortSignal) {
    return this.request<Page<InitiativeSummary>>("GET", "/api/v1/initiatives?limit=200", { signal });
  }
  /** The whole radiator, page by page (one request per page of 200 initiatives). */
  async radiator(signal?: AbortSignal): Promise<RadiatorCard[]> {
    const cards: RadiatorCard[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page: Page<RadiatorCard> = await this.request<Page<RadiatorCard>>(
        "GET",
        `/api/v1/radiator?limit=200${query}`,
        { signal },
      );
      cards.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return cards;
  }
  /** What the signed-in person must act on, across the org. */
  myWork(signal?: AbortSignal) {
    return this.request<MyWork>("GET", "/api/v1/me/work", { signal });
  }
  initiative(id: string, signal?: AbortSignal) {
    return this.request<InitiativeDocument>("GET", initiativePath(id), { signal });
  }
  health(id: string, signal?: AbortSignal) {
    return this.request<HealthReport>("GET", `${initiativePath(id)}/health`, { signal });
  }
  signals(id: string, signal?: AbortSignal) {
    return this.request<SignalList>("GET", `${initiativePath(id)}/signals?status=all`, { signal });
  }
  private list<T>(id: string, collection: string, signal?: AbortSignal) {
    return this.request<Page<T>>("GET", `${initiativePath(id)}/${collection}?limit=200`, { signal });
  }
  links(id: string, signal?: AbortSignal) {
    return this.list<Link>(id, "links", signal);
  }
  requirements(id: string, signal?: AbortSignal) {
    return this.list<Requirement>(id, "requirements", signal);
  }
  milestones(id: string, signal?: AbortSignal) {
    return this.list<Milestone>(id, "milestones", signal);
  }
  decisions(id: string, signal?: AbortSignal) {
    return this.list<Decision>(id, "decisions", signal);
  }
  gates(id: string, signal?: AbortSignal) {
    return this.list<Gate>(id, "gates", signal);
  }
  risks(id: string, signal?: AbortSignal) {
    return this.list<Risk>(id, "risks", signal);
  }
  /** The syncs from the initiative's sources that changed it, latest first. */
  syncs(id: string, signal?: AbortSignal) {
    return this.request<{ items: SyncRecord[] }>("GET", `${initiativePath(id)}/syncs?limit=50`, { signal });
  }
  reviews(id: string, signal?: AbortSignal) {
    return this.list<Review>(id, "reviews", signal);
  }
  review(id: string, reviewId: string, signal?: AbortSignal) {
    return this.request<Review>("GET", `${initiativePath(id)}/reviews/${encodeURIComponent(reviewId)}`, {
      signal,
    });
  }
  reviewClosure(id: string, reviewId: string, signal?: AbortSignal) {
    return this.request<ReviewClosure>(
      "GET",
      `${initiativePath(id)}/reviews/${encodeURIComponent(reviewId)}/closure`,
      { signal },
    );
  }
  /** Closes a review: it takes no more truths; fewer than three sealed anonymous truths stay sealed. */
  closeReview(id: string, reviewId: string) {
    return this.request<ReviewClosure>(
      "POST",
      `${initiativePath(id)}/reviews/${encodeURIComponent(reviewId)}/close`,
    );
  }
  premortems(id: string, signal?: AbortSignal) {
    return this.list<PremortemSession>(id, "premortems", signal);
  }
  premortem(id: string, sessionId: string, signal?: AbortSignal) {
    return this.request<PremortemView>(
      "GET",
      `${initiativePath(id)}/premortems/${encodeURIComponent(sessionId)}`,
      { signal },
    );
  }
  gateStatus(id: string, gateId: string, signal?: AbortSignal) {
    return this.request<GateStatus>(
      "GET",
      `${initiativePath(id)}/gates/${encodeURIComponent(gateId)}/status`,
      {
        signal,
      },
    );
  }
  people(signal?: AbortSignal) {
    return this.request<Page<Person>>("GET", "/api/v1/people?limit=200", { signal });
  }
  teams(signal?: AbortSignal) {
    return this.request<Page<TeamSummary>>("GET", "/api/v1/teams?limit=200", { signal });
  }
  /** The org's pulses, each with its result only where the k rule allows it. */
  pulses(signal?: AbortSignal) {
    return this.request<Page<Pulse>>("GET", "/api/v1/pulses", { signal });
  }
  alignment(signal?: AbortSignal) {
    return this.request<OrgAlignment>("GET", "/api/v1/alignment", { signal });
  }

  // ── the plan, item by item ──
  /** The items of one of the initiative's plan collections (commitments, links, milestones…). */
  items(id: string, collection: string, signal?: AbortSignal) {
    return this.list<PlanItem>(id, collection, signal);
  }
  /** One item with its version, to send back as If-Match. */
  item(id: string, collection: string, itemId: string, signal?: AbortSignal) {
    return this.exchange<PlanItem>("GET", itemPath(id, collection, itemId), { signal });
  }
  addItem(id: string, collection: string, body: Record<string, unknown>) {
    return this.request<PlanItem>("POST", `${initiativePath(id)}/${collection}`, { body });
  }
  /** Changes the fields given; a change made since `etag` was read answers 412 instead of being overwritten. */
  changeItem(id: string, collection: string, itemId: string, body: Record<string, unknown>, etag: string) {
    return this.exchange<PlanItem>("PATCH", itemPath(id, collection, itemId), {
      body,
      headers: { "if-match": etag },
    });
  }

  // ── new initiatives ──
  /** Creates an initiative from a document; one that already has the id is never replaced (412). */
  createInitiative(document: Record<string, unknown>) {
    return this.request<InitiativeSummary>("POST", "/api/v1/initiatives", {
      body: document,
      headers: { "if-none-match": "*" },
    });
  }
  /** Creates an initiative from a file's text (YAML or JSON); its problems come with their lines. */
  createInitiativeFromFile(text: string) {
    return this.request<InitiativeSummary>("POST", "/api/v1/initiatives", {
      text: { content: text, type: "application/yaml" },
      headers: { "if-none-match": "*" },
    });
  }

  // ── acting ──
  vote(id: string, gateId: string, body: { vote: "go" | "no_go"; reason?: string; role?: string }) {
    return this.request<{ role: string; state: GateStatus["state"]; changed: boolean }>(
      "POST",
      `${initiativePath(id)}/gates/${encodeURIComponent(gateId)}/votes`,
      { body },
    );
  }
  acknowledge(id: string, fingerprint: string, body: { reason: string }) {
    return this.request<Silence>("POST", `${initiativePath(id)}/signals/${fingerprint}/acknowledge`, {
      body,
    });
  }
  suppress(id: string, fingerprint: string, body: { reason: string; until: string }) {
    return this.request<Silence>("POST", `${initiativePath(id)}/signals/${fingerprint}/suppress`, { body });
  }
  /** Acknowledges or suppresses every signal listed with one reason: all of them, or none (the error names each). */
  silenceSignals(
    id: string,
    body: { action: "acknowledge" | "suppress"; fingerprints: string[]; reason: string; until?: string },
  ) {
    return this.request<{ silences: Silence[] }>("POST", `${initiativePath(id)}/signals/silence`, { body });
  }
  unsilence(id: string, fingerprint: string) {
    return this.request<{ lifted: number }>(
      "POST",
      `${initiativePath(id)}/signals/${fingerprint}/unsilence`,
      {
        body: {},
      },
    );
  }
  addReport(
    id: string,
    body: {
      subject: string;
      date?: string;
      health: Health;
      note?: string;
      cites?: string[];
      greener_reason?: string;
    },
  ) {
    return this.request<StatusReport>("POST", `${initiativePath(id)}/reports`, { body });
  }
  reports(id: string, signal?: AbortSignal) {
    return this.list<StatusReport>(id, "reports", signal);
  }
  raiseRisk(
    id: string,
    /** Without `by` the risk is anonymous: the server names no one. */
    body: { risk: string; likelihood: Level; impact: Level; mitigation?: string; by?: string },
  ) {
    return this.request<Risk>("POST", `${initiativePath(id)}/risks`, { body });
  }
  setRiskOwner(id: string, riskId: string, owner: string) {
    return this.request<Risk>("PATCH", `${initiativePath(id)}/risks/${encodeURIComponent(riskId)}`, {
      body: { owner },
    });
  }
  recordDecision(
    id: string,
    body: { date: string; kind: DecisionKind; rationale: string; responds_to?: string },
  ) {
    return this.request<Decision>("POST", `${initiativePath(id)}/decisions`, { body });
  }
  addReview(id: string, body: { name: string; date: string; anonymous: boolean }) {
    return this.request<Review>("POST", `${initiativePath(id)}/reviews`, { body });
  }
  addTruths(id: string, reviewId: string, body: Truth) {
    return this.request<unknown>(
      "POST",
      `${initiativePath(id)}/reviews/${encodeURIComponent(reviewId)}/truths`,
      {
        body,
      },
    );
  }
  /** A worse-than-expected truth becomes a risk in the register, with an owner; a named author is its raiser. */
  promoteTruth(
    id: string,
    reviewId: string,
    truthId: string,
    body: { owner: string; likelihood: Level; impact: Level },
  ) {
    return this.request<{ risk: string }>(
      "POST",
      `${initiativePath(id)}/reviews/${encodeURIComponent(reviewId)}/truths/${encodeURIComponent(truthId)}/promote`,
      { body },
    );
  }
  openPremortem(id: string, body: { title: string }) {
    return this.request<{ id: string; share_path: string; min_group_size: number }>(
      "POST",
      `${initiativePath(id)}/premortems`,
      {
        body,
      },
    );
  }

  /** Personal single-use invitations to a pre-mortem, shown once; from the first it is invitation-only. */
  invitePremortem(id: string, sessionId: string, count: number) {
    return this.request<{ invitations: string[] }>(
      "POST",
      `${initiativePath(id)}/premortems/${encodeURIComponent(sessionId)}/invitations`,
      { body: { count } },
    );
  }

  /** Facilitator: collecting → voting → closed. */
  setPremortemState(id: string, sessionId: string, state: "voting" | "closed") {
    return this.request<{ ok: true }>(
      "POST",
      `${initiativePath(id)}/premortems/${encodeURIComponent(sessionId)}/state`,
      { body: { state } },
    );
  }
  /** A risk added by a signed-in person: named, or anonymous (then sealed, and stored with no name). */
  addPremortemItem(
    id: string,
    sessionId: string,
    body: { risk: string; likelihood: Level; impact: Level; anonymous: boolean },
  ) {
    return this.request<{ id: string } | { sealed: true }>(
      "POST",
      `${initiativePath(id)}/premortems/${encodeURIComponent(sessionId)}/items`,
      { body },
    );
  }
  /** Facilitator: an item becomes a risk in the initiative's register, with an owner. */
  promotePremortemItem(id: string, sessionId: string, itemId: string, owner: string) {
    return this.request<{ risk: string }>(
      "POST",
      `${initiativePath(id)}/premortems/${encodeURIComponent(sessionId)}/items/${encodeURIComponent(itemId)}/promote`,
      { body: { owner } },
    );
  }

  /** A pulse for a team; the answer holds its share link, shown once. */
  openPulse(body: { team: string; min_group_size?: number }) {
    return this.request<{ id: string; share_path: string; min_group_size: number }>(
      "POST",
      "/api/v1/pulses",
      {
        body,
      },
    );
  }
  /** Personal single-use invitations, their secrets shown once; from the first the pulse is invitation-only. */
  invitePulse(id: string, count: number) {
    return this.request<{ invitations: string[] }>("POST", `${pulsePath(id)}/invitations`, {
      body: { count },
    });
  }
  /** No more answers; the result shows if at least k people answered. */
  closePulse(id: string) {
    return this.request<{ ok: true }>("POST", `${pulsePath(id)}/close`);
  }

  // ── share links: no account, a participation token instead ──
  sharedPremortem(secret: string, signal?: AbortSignal) {
    return this.request<PremortemView>("GET", sharePath(secret), { signal });
  }
  /** An invitation-only session takes a personal single-use invitation with the join. */
  joinPremortem(secret: string, invitation?: string) {
    return this.request<{ participation_token: string }>("POST", `${sharePath(secret)}/join`, {
      ...(invitation ? { headers: { "x-invitation": invitation } } : {}),
    });
  }
  /** A participant's vote on an item; voting again replaces it. */
  voteOnRisk(secret: string, token: string, itemId: string, body: { likelihood: Level; impact: Level }) {
    return this.request<{ ok: true }>(
      "POST",
      `${sharePath(secret)}/items/${encodeURIComponent(itemId)}/votes`,
      {
        body,
        headers: { "x-participation-token": token },
      },
    );
  }
  submitRisk(
    secret: string,
    token: string,
    body: { risk: string; likelihood: Level; impact: Level; early_warning?: string; mitigation?: string },
  ) {
    return this.request<{ sealed: true }>("POST", `${sharePath(secret)}/items`, {
      body,
      headers: { "x-participation-token": token },
    });
  }
  sharedPulse(secret: string, signal?: AbortSignal) {
    return this.request<SharedPulse>("GET", pulseSharePath(secret), { signal });
  }
  /** An invitation-only pulse takes a personal single-use invitation with the join. */
  joinPulse(secret: string, invitation?: string) {
    return this.request<{ participation_token: string }>("POST", `${pulseSharePath(secret)}/join`, {
      ...(invitation ? { headers: { "x-invitation": invitation } } : {}),
    });
  }
  /** Seven ratings from 1 to 7, once per participation token. */
  answerPulse(secret: string, token: string, answers: number[]) {
    return this.request<{ ok: true }>("POST", `${pulseSharePath(secret)}/answers`, {
      body: { answers },
      headers: { "x-participation-token": token },
    });
  }
}
