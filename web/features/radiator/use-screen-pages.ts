// TV mode's pages: as many cards as the screen shows whole, and the rest on further pages turned every few
// seconds, so a wall display never scrolls and still shows every initiative. Measured on the screen itself:
// the cards' heights depend on their data and the screen's type size.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";

export interface ScreenPages {
  ref: RefObject<HTMLElement | null>;
  /** The cards on the current page, as indexes into the full list: [from, to). */
  from: number;
  to: number;
  page: number;
  pages: number;
}

/** How many of the leading cards end within the screen's height (at least one: a card taller than the screen is a page). */
function cardsThatFit(container: HTMLElement): number {
  const items = [...container.querySelectorAll<HTMLElement>(".card-grid > li")];
  const bottom = window.innerHeight;
  const first = items.findIndex((item) => item.getBoundingClientRect().bottom > bottom + 1);
  return Math.max(1, first === -1 ? items.length : first);
}

/**
 * Pages of `total` cards for the screen; `layoutKey` changes whenever the cards' sizes may have (their data
 * arrived), which measures again. Turns a page every `everyMs`.
 */
export function useScreenPages(total: number, layoutKey: string, everyMs: number): ScreenPages {
  const ref = useRef<HTMLElement | null>(null);
  const [perPage, setPerPage] = useState<number | null>(null);
  const [page, setPage] = useState(0);
  const [screen, setScreen] = useState(() => `${window.innerWidth}×${window.innerHeight}`);

  useEffect(() => {
    const onResize = () => setScreen(`${window.innerWidth}×${window.innerHeight}`);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  // Everything is shown again to be measured (before the browser paints) when the screen or the cards change.
  useLayoutEffect(() => {
    setPerPage(null);
    setPage(0);
  }, [total, layoutKey, screen]);
  useLayoutEffect(() => {
    if (perPage === null && ref.current && total > 0) setPerPage(cardsThatFit(ref.current));
  }, [perPage, total]);

  const size = perPage ?? total;
  const pages = size > 0 ? Math.ceil(total / size) : 1;
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), everyMs);
    return () => clearInterval(timer);
  }, [pages, everyMs]);
  const current = Math.min(page, pages - 1);
  return { ref, from: current * size, to: Math.min(total, (current + 1) * size), page: current, pages };
}
