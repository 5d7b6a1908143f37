// TV mode: the radiator full screen in large type, for the office wall; it updates itself from the live stream.
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { LiveIndicator } from "../../components/ui/live-indicator.tsx";
import { CardGrid } from "./card-grid.tsx";
import { useRadiator } from "./use-radiator.ts";
import { useScreenPages } from "./use-screen-pages.ts";

/** Signals also change with the date alone (a report goes stale overnight): a wall display rereads hourly. */
const FULL_REFRESH_MS = 60 * 60 * 1000;

/** Seconds a page of cards stays up when they do not all fit (`/tv?every=30` sets it; 3 to 600). */
const DEFAULT_EVERY_S = 20;

function pageSeconds(value: string | null): number {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 3 && seconds <= 600 ? seconds : DEFAULT_EVERY_S;
}

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
  const [search] = useSearchParams();
  const layoutKey = slots.map((slot) => slot.status).join();
  const shown = useScreenPages(slots.length, layoutKey, pageSeconds(search.get("every")) * 1000);
  return (
    <div className="tv">
      <header className="tv__header">
        <h1>Plumbline radiator</h1>
        <p className="tv__meta">
          <LiveIndicator />
          {updatedAt ? <span>Updated {timeFormat.format(updatedAt)}</span> : null}
          {shown.pages > 1 ? (
            <span aria-live="polite">
              Page {shown.page + 1} of {shown.pages}
            </span>
          ) : null}
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
      <main ref={shown.ref}>
        <Async state={list} label="initiatives">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No initiatives yet" />
            ) : (
              <CardGrid slots={slots.slice(shown.from, shown.to)} large />
            )
          }
        </Async>
      </main>
    </div>
  );
}
