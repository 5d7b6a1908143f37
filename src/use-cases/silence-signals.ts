// Acknowledge or suppress many signals at once, with one reason: all of them, each by the rule for one, or none.
import { AppError, type FieldProblem } from "../domain/app-error.ts";
import { activeSilence, silenceRefusal, type SilenceMode } from "../domain/silence.ts";
import { findInitiative } from "../store/initiative-repository.ts";
import { findPerson } from "../store/org-repository.ts";
import { listSilences, openOccurrences, type SignalSilence } from "../store/signal-repository.ts";
import { expiryOf, recordSilences, type SilenceRequest } from "./silence-signal.ts";
import { inTransaction, type Services } from "./services.ts";

/** The most fingerprints one request silences: a whole initiative's signals, not an org's. */
export const MAX_SILENCED_AT_ONCE = 500;

export interface SilenceSignalsRequest extends Omit<SilenceRequest, "fingerprint"> {
  /** Distinct fingerprints of current signals of the initiative. */
  fingerprints: readonly string[];
}

/**
 * Silences every fingerprint in one transaction, after asking the same policy as `silenceSignal` about each.
 * If any is not a current signal or may not be silenced by this person, nothing is written, and the error
 * names each such fingerprint (as `fingerprints.<index>`) with the reason.
 */
export async function silenceSignals(
  services: Services,
  mode: SilenceMode,
  request: SilenceSignalsRequest,
): Promise<SignalSilence[]> {
  return inTransaction(services, async (db) => {
    if (!(await findInitiative(db, request.orgId, request.initiativeId))) {
      throw AppError.notFound("initiative", request.initiativeId);
    }
    if (!(await findPerson(db, request.orgId, request.by))) {
      throw AppError.invalid("unknown person", [{ path: "by", message: `unknown person '${request.by}'` }]);
    }
    const now = services.clock();
    const expiresAt = expiryOf(mode, request.until, now);
    const current = new Set(
      (await openOccurrences(db, request.orgId, request.initiativeId)).map((o) => o.fingerprint),
    );
    const silences = await listSilences(db, request.orgId, request.initiativeId);
    const unknown: FieldProblem[] = [];
    const refused: FieldProblem[] = [];
    request.fingerprints.forEach((fingerprint, index) => {
      const path = `fingerprints.${index}`;
      if (!current.has(fingerprint)) {
        unknown.push({ path, message: `'${fingerprint}' is not a current signal of this initiative` });
        return;
      }
      const refusal = silenceRefusal(
        mode,
        request.role,
        request.by,
        activeSilence(silences, fingerprint, now),
      );
      if (refusal) refused.push({ path, message: `'${fingerprint}': ${refusal}` });
    });
    const problems = [...unknown, ...refused].sort((a, b) => indexOf(a) - indexOf(b));
    const verb = mode === "acknowledged" ? "acknowledged" : "suppressed";
    const which = (k: number) =>
      request.fingerprints.length === 1 ? "the signal" : `${k} of the ${request.fingerprints.length} signals`;
    if (refused.length > 0) {
      throw new AppError(
        "forbidden",
        `nothing was ${verb}: ${which(problems.length)} cannot be ${verb} by '${request.by}'`,
        problems,
      );
    }
    if (unknown.length > 0) {
      throw AppError.invalid(
        `nothing was ${verb}: ${which(unknown.length)} ${unknown.length === 1 ? "is" : "are"} not current`,
        problems,
      );
    }
    return recordSilences(db, services, mode, request, request.fingerprints, expiresAt);
  });
}

const indexOf = (problem: FieldProblem) => Number(problem.path.split(".")[1]);
