// Lays the map out with dagre: commitments (each labelled with its team) left to right along their links;
// each link keeps the route and label position dagre gave it, so parallel links never overlap.
import dagre from "@dagrejs/dagre";
import { MarkerType, type Edge, type Node, type XYPosition } from "@xyflow/react";
import type { HealthAssessment, InitiativeDocument } from "../../lib/api-types.ts";
import { linkSummary, type LinkView } from "./link-views.ts";

const NODE = { width: 210, height: 100 };

export type CommitmentNodeData = {
  title: string;
  team: string;
  owner: string;
  assessment: HealthAssessment | undefined;
};
export type LinkEdgeData = { view: LinkView; points: XYPosition[]; label: XYPosition };

export type MapNode = Node<CommitmentNodeData, "commitment">;
export type MapEdge = Edge<LinkEdgeData, "link">;

/** Roughly how wide a link's label button is, so dagre leaves room for it. */
const labelWidth = (view: LinkView) => 40 + linkSummary(view).length * 7;

export function layoutMap(
  doc: InitiativeDocument,
  views: readonly LinkView[],
  assessments: readonly HealthAssessment[],
  name: (id: string | undefined) => string,
): { nodes: MapNode[]; edges: MapEdge[]; height: number } {
  const commitments = Object.entries(doc.commitments ?? {});
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 48, edgesep: 18, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const [id] of commitments) g.setNode(id, { ...NODE });
  const drawn = views.filter((v) => g.hasNode(v.from) && g.hasNode(v.to));
  for (const view of drawn)
    g.setEdge(view.from, view.to, { width: labelWidth(view), height: 26, labelpos: "c" }, view.link.id);
  dagre.layout(g);

  const nodes = commitments.map(([id, commitment]): MapNode => {
    const at = g.node(id);
    return {
      id,
      type: "commitment",
      position: { x: (at.x ?? 0) - NODE.width / 2, y: (at.y ?? 0) - NODE.height / 2 },
      style: { width: NODE.width, height: NODE.height },
      data: {
        title: commitment.title,
        team: doc.teams?.[commitment.team]?.name ?? commitment.team,
        owner: name(commitment.owner),
        assessment: assessments.find((a) => a.subject.type === "commitment" && a.subject.id === id),
      },
      selectable: false,
      focusable: false,
      draggable: false,
    };
  });

  const edges = drawn.map((view): MapEdge => {
    const route = g.edge({ v: view.from, w: view.to, name: view.link.id });
    return {
      id: view.link.id,
      type: "link",
      source: view.from,
      target: view.to,
      data: { view, points: route.points ?? [], label: { x: route.x ?? 0, y: route.y ?? 0 } },
      focusable: false,
      selectable: false,
      markerEnd: view.directed ? { type: MarkerType.ArrowClosed, width: 18, height: 18 } : undefined,
      className: `link-edge link-edge--${view.status}${view.unowned ? " link-edge--unowned" : ""}`,
    };
  });
  return { nodes, edges, height: g.graph().height ?? 0 };
}
