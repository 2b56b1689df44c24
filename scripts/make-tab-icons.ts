// Draws the tab bar icons (home, orders, me; grey and green) as 81×81 PNGs, the size WeChat
// recommends, with a tiny PNG encoder on node:zlib, so no image tool or download is needed.
// Run: npx tsx scripts/make-tab-icons.ts   (writes miniprogram/src/assets/tabbar/*.png)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4; // 4×4 samples per pixel for smooth edges
const OUT_DIR = path.resolve(__dirname, '../miniprogram/src/assets/tabbar');

type Rgb = [number, number, number];
/** Is the point (x, y), in a 0..1 square, inside the shape? */
type Shape = (x: number, y: number) => boolean;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** RGBA pixels (row-major) → PNG file bytes. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function render(shape: Shape, colour: Rgb): Buffer {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++;
        }
      }
      const i = (py * SIZE + px) * 4;
      rgba[i] = colour[0];
      rgba[i + 1] = colour[1];
      rgba[i + 2] = colour[2];
      rgba[i + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(SIZE, SIZE, rgba);
}

const inRect = (x: number, y: number, l: number, t: number, r: number, b: number) => x >= l && x <= r && y >= t && y <= b;
const inCircle = (x: number, y: number, cx: number, cy: number, radius: number) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;

/** A house: roof triangle over a walled body with a door. */
const home: Shape = (x, y) => {
  const roof = y >= 0.12 && y <= 0.48 && Math.abs(x - 0.5) <= (y - 0.12) * 1.15;
  const body = inRect(x, y, 0.22, 0.46, 0.78, 0.86);
  const door = inRect(x, y, 0.42, 0.62, 0.58, 0.86);
  return (roof || body) && !door;
};

/** An order slip: a sheet outline with three text lines. */
const orders: Shape = (x, y) => {
  const sheet = inRect(x, y, 0.2, 0.12, 0.8, 0.88);
  const inside = inRect(x, y, 0.27, 0.19, 0.73, 0.81);
  const line = (top: number, right: number) => inRect(x, y, 0.34, top, right, top + 0.07);
  return (sheet && !inside) || line(0.3, 0.66) || line(0.46, 0.66) || line(0.62, 0.56);
};

/** A person: head and shoulders. */
const me: Shape = (x, y) => {
  const head = inCircle(x, y, 0.5, 0.32, 0.17);
  const shoulders = y >= 0.56 && y <= 0.88 && ((x - 0.5) / 0.34) ** 2 + ((y - 0.88) / 0.32) ** 2 <= 1;
  return head || shoulders;
};

const GREY: Rgb = [0x8a, 0x8a, 0x8a];
const GREEN: Rgb = [0x2f, 0x7d, 0x32];

mkdirSync(OUT_DIR, { recursive: true });
for (const [name, shape] of Object.entries({ home, orders, me })) {
  writeFileSync(path.join(OUT_DIR, `${name}.png`), render(shape, GREY));
  writeFileSync(path.join(OUT_DIR, `${name}-active.png`), render(shape, GREEN));
}
console.log(`wrote 6 icons to ${path.relative(process.cwd(), OUT_DIR)}`);
