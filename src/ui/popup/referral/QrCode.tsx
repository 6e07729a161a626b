import { encode } from "uqr";
import { t } from "../../../services/i18n";

/** The link as a QR code a phone can scan, drawn as one SVG path (no innerHTML). */
export function QrCode({ text }: { text: string }) {
  const qr = encode(text, { ecc: "M", border: 2 });
  let path = "";
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <figure class="qr" data-testid="qr-code">
      <svg
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        width="184"
        height="184"
        role="img"
        aria-label={t("qrAlt")}
        shape-rendering="crispEdges"
      >
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <figcaption>{t("qrCaption")}</figcaption>
    </figure>
  );
}
