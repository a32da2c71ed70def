/**
 * Draws the app logos (assets/logo.png 320x320, assets/logo-small.png 128x128) once; the PNGs are committed.
 * Run: npx tsx scripts/make-logos.ts. Hand-drawn with 4x4 supersampling so edges are anti-aliased; no deps.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const TOP: Rgba = [0x1f, 0x9a, 0x84, 255];
const BOTTOM: Rgba = [0x0b, 0x5d, 0x58, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Signed distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and corner radius r. */
function roundedRect(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/** The mark in unit coordinates: a teal rounded square, a white ticket with side notches, a check cut out of it. */
export function logoColour(x: number, y: number): Rgba {
  if (roundedRect(x, y, 0.5, 0.5, 0.5, 0.5, 0.2) > 0) return CLEAR;
  const background = TOP.map((c, i) => Math.round(c + (BOTTOM[i]! - c) * y)) as Rgba;
  const inTicket =
    roundedRect(x, y, 0.5, 0.5, 0.31, 0.22, 0.045) <= 0 && Math.hypot(x - 0.19, y - 0.5) > 0.075 && Math.hypot(x - 0.81, y - 0.5) > 0.075;
  if (!inTicket) return background;
  const check = Math.min(segment(x, y, 0.36, 0.5, 0.46, 0.6), segment(x, y, 0.46, 0.6, 0.655, 0.4));
  return check <= 0.04 ? background : WHITE;
}

export function render(size: number, colour: (x: number, y: number) => Rgba, samples = 4): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colour((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          // Premultiply so transparent samples do not darken the edge.
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const o = (py * size + px) * 4;
      pixels[o] = a ? Math.round(r / a) : 0;
      pixels[o + 1] = a ? Math.round(g / a) : 0;
      pixels[o + 2] = a ? Math.round(b / a) : 0;
      pixels[o + 3] = Math.round(a / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no filtering). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

function main(): void {
  for (const [file, size] of [
    ['assets/logo.png', 320],
    ['assets/logo-small.png', 128],
  ] as const) {
    writeFileSync(file, encodePng(size, size, render(size, logoColour)));
    console.log(`wrote ${file} (${size}x${size})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
