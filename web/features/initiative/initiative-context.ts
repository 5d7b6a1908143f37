// What every section of an initiative page shares: its document, signals and health, all kept live.
import { createContext, useContext } from "react";
import type { HealthReport, InitiativeDocument, SignalList } from "../../lib/api-types.ts";

export interface InitiativeData {
  id: string;
  doc: InitiativeDocument;
  signals: SignalList;
  health: HealthReport;
  /** The name of a person in the initiative, or their id. */
  name: (personId: string | undefined) => string;
  reload: () => void;
}

export const InitiativeContext = createContext<InitiativeData | null>(null);

export function useInitiative(): InitiativeData {
  const data = useContext(InitiativeContext);
  if (!data) throw new Error("useInitiative needs the initiative page around it");
  return data;
}
