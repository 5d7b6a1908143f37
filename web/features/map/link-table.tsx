// Every link as a table row: the map's content for keyboards, screen readers and narrow screens.
import { useInitiative } from "../initiative/initiative-context.ts";
import { humanize } from "../../lib/format.ts";
import { STATUS_LABEL, type LinkView } from "./link-views.ts";
import { ScrollRegion } from "../../components/ui/scroll-region.tsx";

export function LinkTable({
  views,
  selected,
  onSelect,
}: {
  views: LinkView[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { doc, name } = useInitiative();
  const title = (id: string) => doc.commitments?.[id]?.title ?? id;
  return (
    <ScrollRegion label="All links between teams">
      <table className="table">
        <caption>All links between teams</caption>
        <thead>
          <tr>
            <th scope="col">Link</th>
            <th scope="col">Kind</th>
            <th scope="col">Joins</th>
            <th scope="col">Owner</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {views.map((view) => (
            <tr key={view.link.id} className={selected === view.link.id ? "is-selected" : undefined}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onSelect(view.link.id)}
                  aria-pressed={selected === view.link.id}
                >
                  {view.link.statement}
                </button>
              </td>
              <td>{humanize(view.link.kind)}</td>
              <td>
                {title(view.from)} {view.directed ? "→" : "↔"} {title(view.to)}
              </td>
              <td className={view.unowned ? "flag flag--bad" : undefined}>
                {view.unowned ? "Unowned" : name(view.link.owner)}
              </td>
              <td className={`flag flag--${view.status}`}>{STATUS_LABEL[view.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
