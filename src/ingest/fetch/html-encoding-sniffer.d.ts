// html-encoding-sniffer@6 ships no types; this is the part of its API wirewatch uses.
declare module 'html-encoding-sniffer' {
  /** The HTML Standard's encoding sniffing: BOM, then the transport label, then a `<meta>` prescan, then the default. */
  export default function htmlEncodingSniffer(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string;
}
