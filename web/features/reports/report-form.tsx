// Post a status report: pick the subject, see its evidence health and open signals first, and, when the call is
// greener than the evidence, say why. Cites are picked from the reports on what lies beneath the subject.
import { useMemo, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { FormMessage, SelectField, TextArea } from "../../components/ui/field.tsx";
import { HealthBadge } from "../../components/ui/health-badge.tsx";
import { SeverityTag } from "../../components/ui/tags.tsx";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Health, InitiativeDocument, StatusReport, SubjectRef } from "../../lib/api-types.ts";
import { evidenceRank, formatDate, HEALTH_LABEL, HEALTH_RANK, today } from "../../lib/format.ts";
import { useApi } from "../../lib/use-api.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { useInitiative } from "../initiative/initiative-context.ts";

const FIELDS = ["subject", "date", "health", "note", "cites", "greener_reason"] as const;
const HEALTHS: Health[] = ["on_track", "at_risk", "off_track"];
const MAX_CITES = 12;

interface SubjectOption {
  /** The subject as a report names it: `initiative`, a commitment id, or `team:key`. */
  value: string;
  label: string;
  ref: SubjectRef;
}

function subjectsOf(doc: InitiativeDocument): SubjectOption[] {
  return [
    {
      value: "initiative",
      label: `The initiative: ${doc.initiative}`,
      ref: { type: "initiative", id: "initiative" },
    },
    ...Object.entries(doc.teams ?? {}).map(([key, team]) => ({
      value: `team:${key}`,
      label: `Team: ${team.name ?? key}`,
      ref: { type: "team" as const, id: key },
    })),
    ...Object.entries(doc.commitments ?? {}).map(([key, c]) => ({
      value: key,
      label: `Commitment: ${c.title}`,
      ref: { type: "commitment" as const, id: key },
    })),
  ];
}

const sameSubject = (a: SubjectRef, b: SubjectRef) =>
  a.type === b.type && (a.type === "initiative" || a.id === b.id);

/** The reports beneath a subject: a team's commitments' reports, or every team's and commitment's for the whole. */
function beneath(doc: InitiativeDocument, subject: SubjectRef, reports: StatusReport[]): StatusReport[] {
  const commitments = doc.commitments ?? {};
  const under = (r: StatusReport) => {
    if (subject.type === "initiative") return r.subject !== "initiative";
    if (subject.type === "team") return commitments[r.subject]?.team === subject.id;
    return false;
  };
  return reports.filter(under).slice(0, MAX_CITES);
}

export function ReportForm() {
  const { id, doc, health, signals, name, reload } = useInitiative();
  const api = useApiClient();
  const subjects = useMemo(() => subjectsOf(doc), [doc]);
  // A link may name the subject to report on (`?report=team:sales`), as My work does.
  const [params] = useSearchParams();
  const [subject, setSubject] = useState(
    () => subjects.find((s) => s.value === params.get("report"))?.value ?? subjects[0]!.value,
  );
  const [reported, setReported] = useState<Health>("on_track");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [cites, setCites] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const reports = useApi(`reports:${id}`, (client, s) => client.reports(id, s), { live: id });

  const chosen = subjects.find((s) => s.value === subject) ?? subjects[0]!;
  const assessment = health.items.find((item) => sameSubject(item.subject, chosen.ref));
  const evidence = assessment?.evidence.health;
  const open = signals.signals.filter(
    (s) => s.status === "open" && (chosen.ref.type === "initiative" || sameSubject(s.subject, chosen.ref)),
  );
  const rank = evidence === undefined ? null : evidenceRank(evidence);
  const greener = rank !== null && HEALTH_RANK[reported] < rank;
  const latest = [...(reports.data?.items ?? [])].reverse();
  const citable = beneath(doc, chosen.ref, latest);

  const { submit, pending, fieldErrors, formError } = useSubmit(
    () =>
      api.addReport(id, {
        subject,
        date: today(),
        health: reported,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(cites.length > 0 ? { cites } : {}),
        ...(reason.trim() ? { greener_reason: reason.trim() } : {}),
      }),
    FIELDS,
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (await submit()) {
      setDone(
        greener
          ? `Posted: ${HEALTH_LABEL[reported]}, greener than the evidence, with your reason.`
          : `Posted: ${HEALTH_LABEL[reported]}.`,
      );
      setNote("");
      setReason("");
      setCites([]);
      reports.reload();
      reload();
    }
  };

  return (
    <section className="panel" aria-labelledby="report-form-heading">
      <h2 id="report-form-heading">Post a status report</h2>
      <form className="form-card" onSubmit={onSubmit} noValidate aria-label="Post a status report">
        <div className="form-row">
          <SelectField
            label="Subject"
            value={subject}
            onChange={(e) => {
              setSubject(e.target.value);
              setCites([]);
            }}
            options={subjects.map((s) => ({ value: s.value, label: s.label }))}
            error={fieldErrors.subject}
          />
          <SelectField
            label="Health"
            value={reported}
            onChange={(e) => setReported(e.target.value as Health)}
            options={HEALTHS.map((h) => ({ value: h, label: HEALTH_LABEL[h] }))}
            error={fieldErrors.health}
          />
        </div>

        <div className="evidence-brief" aria-label="What the evidence says" role="group">
          <p>
            <strong>Evidence health:</strong> <HealthBadge health={evidence} />
            {assessment?.reported ? (
              <span className="muted small">
                {" "}
                Last reported {HEALTH_LABEL[assessment.reported.health]} by {name(assessment.reported.by)},{" "}
                {formatDate(assessment.reported.date)}
              </span>
            ) : null}
          </p>
          {assessment && assessment.evidence.reasons.length > 0 ? (
            <ul className="small">
              {assessment.evidence.reasons.slice(0, 3).map((r) => (
                <li key={r.text}>{r.text}</li>
              ))}
            </ul>
          ) : null}
          <p>
            <strong>Open signals:</strong> {open.length === 0 ? "none" : open.length}
          </p>
          {open.length > 0 ? (
            <ul className="signal-brief">
              {open.slice(0, 5).map((s) => (
                <li key={s.fingerprint}>
                  <SeverityTag severity={s.severity} /> {s.title}
                </li>
              ))}
            </ul>
          ) : null}
        </div>

        {greener || fieldErrors.greener_reason ? (
          <TextArea
            label="Why is your report greener than the evidence?"
            hint={`The evidence says ${evidence ? HEALTH_LABEL[evidence] : "otherwise"}; say what it misses (at least 10 characters). It is stored with the report.`}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldErrors.greener_reason}
          />
        ) : null}
        <TextArea
          label="Note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={fieldErrors.note}
        />

        {citable.length > 0 ? (
          <fieldset className="field choice-list">
            <legend>Cites (the reports this one summarises)</legend>
            {citable.map((r) => (
              <label key={r.id} className="choice">
                <input
                  type="checkbox"
                  checked={cites.includes(r.id)}
                  onChange={(e) =>
                    setCites((now) => (e.target.checked ? [...now, r.id] : now.filter((c) => c !== r.id)))
                  }
                />{" "}
                {HEALTH_LABEL[r.health]}: {subjects.find((s) => s.value === r.subject)?.label ?? r.subject},
                by {name(r.by)} on {formatDate(r.date)}
              </label>
            ))}
            {fieldErrors.cites ? <p className="field__error">{fieldErrors.cites}</p> : null}
          </fieldset>
        ) : null}

        <FormMessage error={formError} success={done} />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Posting…" : "Post report"}
        </button>
      </form>
      <RecentReports reports={latest.slice(0, 5)} subjects={subjects} name={name} />
    </section>
  );
}

function RecentReports({
  reports,
  subjects,
  name,
}: {
  reports: StatusReport[];
  subjects: SubjectOption[];
  name: (id: string | undefined) => string;
}) {
  if (reports.length === 0) return null;
  return (
    <div className="recent-reports">
      <h3>Latest reports</h3>
      <ul>
        {reports.map((r) => (
          <li key={r.id}>
            <HealthBadge health={r.health} />{" "}
            {subjects.find((s) => s.value === r.subject)?.label ?? r.subject}, by {name(r.by)} on{" "}
            {formatDate(r.date)}
            {r.note ? <span className="muted"> · {r.note}</span> : null}
            {r.greener_reason ? (
              <p className="small">
                <strong>Greener than the evidence because:</strong> {r.greener_reason}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
