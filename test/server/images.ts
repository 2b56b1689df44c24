// Images made in tests (photos with EXIF, decompression bombs) and read by them (QR codes).
import zlib from 'node:zlib';
import sharp from 'sharp';
import jsQR from 'jsqr';

/** A real, valid 8-bit greyscale PNG of width×height zero pixels: tiny on disk, huge in memory. */
export function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height); // filter byte 0 + zero pixels per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A photo made in the test: a gradient (so resizes and crops are visible), in any format. */
export function testPhoto(format: 'jpeg' | 'png' | 'webp', width = 640, height = 480, options: { gps?: boolean; orientation?: number } = {}): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#c87828"/><stop offset="1" stop-color="#3c8c3c"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><rect width="${Math.round(width / 4)}" height="${Math.round(height / 4)}" fill="#1040c0"/></svg>`;
  let img = sharp(Buffer.from(svg));
  if (options.gps) {
    img = img.withExif({
      IFD0: { Make: 'FarmPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 45/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 42/1 0/1' },
    } as unknown as sharp.Exif);
  }
  // EXIF orientation 6: the camera was turned; viewers rotate the picture 90° clockwise.
  if (options.orientation) img = img.withMetadata({ orientation: options.orientation });
  return img.toFormat(format).toBuffer();
}

/** The text of the QR code in an image. */
export async function readQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}
