/**
 * Test helper: bytes of a text in a single-byte encoding (windows-1251, KOI8-R…), built from
 * TextDecoder's own table, since Node has no encoder for them.
 */

/** `text` encoded in `encoding`; characters the encoding lacks become `?`. */
export function encodeSingleByte(text: string, encoding: string): Buffer {
  const table = new Map<string, number>();
  const decoded = new TextDecoder(encoding).decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  [...decoded].forEach((char, byte) => {
    if (!table.has(char)) table.set(char, byte);
  });
  return Buffer.from([...text].map((char) => table.get(char) ?? 0x3f));
}
