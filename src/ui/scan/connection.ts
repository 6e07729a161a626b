/** The scan panel's line to the background: what the page offers, for the page's channel. */
import { SCAN_PANEL_PORT, type ScanUpdate, ScanUpdateSchema } from "../../messaging/scan";
import { openPortLine, type PortLine } from "../shared/port-line";

export type ScanConnection = PortLine;

export const connectScan = (channel: string, onUpdate: (update: ScanUpdate) => void): ScanConnection =>
  openPortLine(SCAN_PANEL_PORT, ScanUpdateSchema, channel, onUpdate);
