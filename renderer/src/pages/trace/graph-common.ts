// What the trace page needs from the graph without loading it: the graph (React Flow and dagre) is its
// own chunk, read while trace.run is answering.
export type GraphNodeData = {
  kind: 'lot' | 'batch' | 'receipt' | 'shipment' | 'partner' | 'group';
  id: number;
  label: string;
  sub?: string;
  side?: string;
};

/** Lots shown when a group is opened; the rest are in the table. */
export const GROUP_SHOWN = 12;
