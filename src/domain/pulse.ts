// The psychological-safety pulse: Edmondson's seven-item team psychological safety scale, scored 1 to 7.
export const PULSE_ITEMS = [
  { text: "If you make a mistake on this team, it is often held against you.", reversed: true },
  { text: "Members of this team are able to bring up problems and tough issues.", reversed: false },
  { text: "People on this team sometimes reject others for being different.", reversed: true },
  { text: "It is safe to take a risk on this team.", reversed: false },
  { text: "It is difficult to ask other members of this team for help.", reversed: true },
  {
    text: "No one on this team would deliberately act in a way that undermines my efforts.",
    reversed: false,
  },
  {
    text: "Working with members of this team, my unique skills and talents are valued and utilized.",
    reversed: false,
  },
] as const;

export const SCALE = { min: 1, max: 7 } as const;

/** One answer's score: the mean of its seven ratings, negatively worded items reversed (8 − rating). */
export function scoreAnswer(answers: readonly number[]): number {
  const scored = PULSE_ITEMS.map((item, i) =>
    item.reversed ? SCALE.max + SCALE.min - answers[i]! : answers[i]!,
  );
  return scored.reduce((a, b) => a + b, 0) / scored.length;
}

export interface PulseAggregate {
  respondents: number;
  /** Mean score 1–7 (higher is safer). */
  mean: number;
  /** Mean rating per item, as answered (not reversed). */
  items: number[];
}

export function aggregate(answers: ReadonlyArray<readonly number[]>): PulseAggregate {
  const n = answers.length;
  const mean = answers.reduce((sum, a) => sum + scoreAnswer(a), 0) / n;
  const items = PULSE_ITEMS.map((_, i) => answers.reduce((sum, a) => sum + a[i]!, 0) / n);
  return {
    respondents: n,
    mean: Math.round(mean * 100) / 100,
    items: items.map((x) => Math.round(x * 100) / 100),
  };
}
