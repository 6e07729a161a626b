/** The panel's line to the background: the stack (or the cart's status) for the page's channel. */
import { PANEL_PORT, type PanelUpdate, PanelUpdateSchema } from "../../messaging/checkout";
import { openPortLine, type PortLine } from "../shared/port-line";

export type PanelConnection = PortLine;

export const connectPanel = (channel: string, onUpdate: (update: PanelUpdate) => void): PanelConnection =>
  openPortLine(PANEL_PORT, PanelUpdateSchema, channel, onUpdate);
