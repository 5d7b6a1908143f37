// TV mode: the radiator full screen in large type, for the office wall; it updates itself from the live stream.
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { LiveIndicator } from "../../components/ui/live-indicator.tsx";
import { CardGrid } from "./card-grid.tsx";
import { useRadiator } from "./use-radiator.ts";

/** Signals also change with the date alone (a report goes stale overnight): a wall display rereads hourly. */
const FULL_REFRESH_MS = 60 * 60 * 1000;

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function useFullscreen(): [boolean, () => void] {
  const [isFullscreen, setFullscreen] = useState(Boolean(document.fullscreenElement));
  useEffect(() => {
    const onChange = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);
  const toggle = () =>
    void (document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen());
  return [isFullscreen, toggle];
}

export function TvPage() {
  const { list, slots, updatedAt, reloadAll } = useRadiator();
  useEffect(() => {
    const timer = setInterval(reloadAll, FULL_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadAll]);
  const [isFullscreen, toggleFullscreen] = useFullscreen();
  return (
    <div className="tv">
      <header className="tv__header">
        <h1>Plumbline radiator</h1>
        <p className="tv__meta">
          <LiveIndicator />
          {updatedAt ? <span>Updated {timeFormat.format(updatedAt)}</span> : null}
        </p>
        <div className="tv__actions">
          <button type="button" className="button" onClick={toggleFullscreen}>
            {isFullscreen ? "Leave full screen" : "Full screen"}
          </button>
          <Link className="button button--secondary" to="/">
            Exit TV mode
          </Link>
        </div>
      </header>
      <main>
        <Async state={list} label="initiatives">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No initiatives yet" />
            ) : (
              <CardGrid slots={slots} large />
            )
          }
        </Async>
      </main>
    </div>
  );
}
