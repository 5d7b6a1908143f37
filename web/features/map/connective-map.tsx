// The connective-tissue map: teams' commitments and the links between them; broken, unverifiable
// and unowned links stand out, and choosing one shows its check, values and owner.
import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  type EdgeTypes,
  type NodeTypes,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState } from "react";
import { Async, EmptyState } from "../../components/ui/state-views.tsx";
import { useApi } from "../../lib/use-api.ts";
import { useInitiative } from "../initiative/initiative-context.ts";
import { LinkDetails } from "./link-details.tsx";
import { LinkTable } from "./link-table.tsx";
import type { Link } from "../../lib/api-types.ts";
import { linkViews } from "./link-views.ts";
import { layoutMap } from "./map-layout.ts";
import { CommitmentNode, LinkEdge, SelectionContext } from "./map-elements.tsx";

const FIT = { padding: 0.08 };

/** Fits the whole map again whenever its box changes size (the details panel opens, the window turns). */
function FitOnResize() {
  const { fitView } = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  useEffect(() => void fitView(FIT), [fitView, width, height]);
  return null;
}

const nodeTypes: NodeTypes = { commitment: CommitmentNode };
const edgeTypes: EdgeTypes = { link: LinkEdge };

function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <span className="legend__swatch legend__swatch--broken" aria-hidden="true" /> Broken: its check is
        false
      </li>
      <li>
        <span className="legend__swatch legend__swatch--unverifiable" aria-hidden="true" /> Unverifiable: its
        check cannot be evaluated
      </li>
      <li>
        <span className="legend__swatch legend__swatch--unowned" aria-hidden="true" /> Unowned: nobody answers
        for it
      </li>
      <li>
        <span className="legend__swatch legend__swatch--holds" aria-hidden="true" /> Holds, or no check
      </li>
    </ul>
  );
}

function MapView({ links }: { links: Link[] }) {
  const { doc, health, signals, name } = useInitiative();
  const views = useMemo(() => linkViews(links, doc, signals.signals), [links, doc, signals.signals]);
  const [selected, setSelected] = useState<string | null>(null);
  const { nodes, edges, height } = useMemo(
    () => layoutMap(doc, views, health.items, name),
    [doc, views, health.items, name],
  );
  const selection = useMemo(() => ({ selected, select: setSelected }), [selected]);
  const current = views.find((v) => v.link.id === selected);
  if (nodes.length === 0) {
    return (
      <EmptyState title="No commitments to draw">
        Teams' commitments and the links between them appear here.
      </EmptyState>
    );
  }
  return (
    <SelectionContext.Provider value={selection}>
      <Legend />
      <div className={`map-layout${current ? " map-layout--open" : ""}`}>
        <div
          className="map"
          role="region"
          aria-label="Map of commitments and links between teams"
          style={{ height: Math.min(640, Math.max(360, height + 80)) }}
        >
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onEdgeClick={(_, edge) => setSelected(edge.id)}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            fitView
            fitViewOptions={FIT}
            minZoom={0.2}
          >
            <Background gap={24} />
            <Controls showInteractive={false} />
            <FitOnResize />
          </ReactFlow>
        </div>
        {current ? <LinkDetails view={current} onClose={() => setSelected(null)} /> : null}
      </div>
      <LinkTable views={views} selected={selected} onSelect={setSelected} />
    </SelectionContext.Provider>
  );
}

export function ConnectiveMap() {
  const { id } = useInitiative();
  const links = useApi(`links:${id}`, (api, signal) => api.links(id, signal), { live: id });
  return (
    <section className="panel" aria-labelledby="map-heading">
      <h2 id="map-heading">Connective tissue</h2>
      <p className="muted">
        The handoffs, dependencies, assumptions and expectations between teams, and who answers for each.
      </p>
      <Async state={links} label="links">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No links between teams yet">
              Add a link to give a handoff or an assumption an owner and a check.
            </EmptyState>
          ) : (
            <MapView links={page.items} />
          )
        }
      </Async>
    </section>
  );
}
