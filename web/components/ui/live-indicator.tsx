// Says whether the page is hearing the live stream, so a wall display never looks current while stale.
import { useLiveStatus, type LiveStatus } from "../../lib/use-events.tsx";

const LABEL: Record<LiveStatus, string> = {
  live: "Live",
  connecting: "Connecting…",
  offline: "Offline, retrying",
};

export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span className={`live live--${status}`} role="status">
      <span className="live__dot" aria-hidden="true" />
      {LABEL[status]}
    </span>
  );
}
