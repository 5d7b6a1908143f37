// The map's own node and edge kinds: a commitment card, and a link drawn along its route with a labelled button.
import {
  BaseEdge,
  EdgeLabelRenderer,
  Handle,
  Position,
  type EdgeProps,
  type NodeProps,
  type XYPosition,
} from "@xyflow/react";
import { createContext, useContext } from "react";
import { HealthBadge } from "../../components/ui/health-badge.tsx";
import type { MapEdge, MapNode } from "./map-layout.ts";
import { linkSummary } from "./link-views.ts";

/** Which link is open in the details panel, and how to open one. */
export const SelectionContext = createContext<{ selected: string | null; select: (id: string) => void }>({
  selected: null,
  select: () => {},
});

export function CommitmentNode({ data }: NodeProps<MapNode>) {
  return (
    <div className="map-node">
      <Handle type="target" position={Position.Left} isConnectable={false} className="map-node__handle" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="map-node__handle" />
      <p className="map-node__team">{data.team}</p>
      <p className="map-node__title" title={data.title}>
        {data.title}
      </p>
      <p className="map-node__owner">{data.owner}</p>
      <HealthBadge health={data.assessment?.evidence.health} prefix="Evidence:" />
    </div>
  );
}

const ICON = { broken: "✕", unverifiable: "?", holds: "✓", unchecked: "·" } as const;

/** A smooth path through dagre's route: straight to the first midpoint, curves through the bends. */
function routePath(points: readonly XYPosition[]): string {
  const [first, ...rest] = points;
  if (!first) return "";
  const mid = (a: XYPosition, b: XYPosition) => `${(a.x + b.x) / 2},${(a.y + b.y) / 2}`;
  let path = `M${first.x},${first.y}`;
  rest.forEach((point, i) => {
    const next = rest[i + 1];
    path += next ? ` Q${point.x},${point.y} ${mid(point, next)}` : ` L${point.x},${point.y}`;
  });
  return path;
}

export function LinkEdge({ id, markerEnd, data }: EdgeProps<MapEdge>) {
  const { selected, select } = useContext(SelectionContext);
  if (!data) return null;
  const { view, points, label } = data;
  return (
    <>
      <BaseEdge id={id} path={routePath(points)} markerEnd={markerEnd} interactionWidth={16} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`edge-label edge-label--${view.status}${view.unowned ? " edge-label--unowned" : ""}${selected === id ? " edge-label--selected" : ""} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
          onClick={() => select(id)}
          aria-pressed={selected === id}
          aria-label={`${linkSummary(view)}: ${view.link.statement}`}
          title={view.link.statement}
        >
          <span aria-hidden="true">{ICON[view.status]}</span> {linkSummary(view)}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}
