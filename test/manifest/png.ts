/**
 * A small PNG reader for the icon tests: 8-bit RGB or RGBA, not interlaced, which is what Teams icons are.
 * @remarks Undoes all five row filters, so the tests check the pixels whatever encoder wrote the file.
 */
import { inflateSync } from 'node:zlib';

export interface Png {
  width: number;
  height: number;
  /** 2: RGB, 6: RGBA. */
  colorType: number;
  channels: number;
  /** Row after row, `channels` bytes per pixel, filters undone. */
  pixels: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function decodePng(bytes: Uint8Array): Png {
  if (SIGNATURE.some((byte, i) => bytes[i] !== byte)) throw new Error('decodePng(): not a PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  const data: Uint8Array[] = [];
  for (let offset = SIGNATURE.length; offset < bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      const chunk = new DataView(body.buffer, body.byteOffset, body.byteLength);
      header = { width: chunk.getUint32(0), height: chunk.getUint32(4), bitDepth: body[8] ?? 0, colorType: body[9] ?? 0, interlace: body[12] ?? 0 };
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  if (!header) throw new Error('decodePng(): no IHDR chunk');
  const channels = header.colorType === 6 ? 4 : header.colorType === 2 ? 3 : 0;
  if (header.bitDepth !== 8 || channels === 0 || header.interlace !== 0) {
    throw new Error(`decodePng(): only 8-bit RGB/RGBA without interlacing (got depth ${header.bitDepth}, color type ${header.colorType})`);
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = header.width * channels;
  const pixels = new Uint8Array(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? -1];
      if (predictor === undefined) throw new Error(`decodePng(): unknown filter ${String(filter)} on row ${y}`);
      pixels[y * stride + x] = ((row[x] ?? 0) + predictor) & 0xff;
    }
  }
  return { width: header.width, height: header.height, colorType: header.colorType, channels, pixels };
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** The pixel at (x, y) as [r, g, b, a]; RGB images are opaque. */
export function pixelAt(png: Png, x: number, y: number): [number, number, number, number] {
  const at = (y * png.width + x) * png.channels;
  const channel = (i: number) => png.pixels[at + i] ?? 0;
  return [channel(0), channel(1), channel(2), png.channels === 4 ? channel(3) : 255];
}
