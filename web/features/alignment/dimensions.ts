// The five dimensions of the alignment index, named and explained as the page shows them.
import type { Dimension, Direction } from "../../lib/api-types.ts";

export const DIMENSION_INFO: Record<Dimension, { label: string; about: string; color: string }> = {
  surprise_frequency: {
    label: "Surprise frequency",
    about: "Issues found late: 100 − 25 per surprise in 30 days",
    color: "#1f5fa8",
  },
  information_flow: {
    label: "Information flow",
    about: "Layers and delay between the ground and the owner",
    color: "#a3461a",
  },
  course_correction_speed: {
    label: "Course-correction speed",
    about: "Days from a trigger to a decision",
    color: "#2e7d4f",
  },
  psychological_safety: {
    label: "Psychological safety",
    about: "The pulse, and who raises concerns",
    color: "#7b3fa0",
  },
  pivot_history: {
    label: "Pivot history",
    about: "Changes of course on triggers, and what the outcome did",
    color: "#8a6d00",
  },
};

export const DIRECTION_LABEL: Record<Direction, string> = {
  up: "↑ improving",
  down: "↓ worsening",
  flat: "→ steady",
  unknown: "no trend yet",
};

export const score = (value: number | null) => (value === null ? "—" : String(Math.round(value)));
