/**
 * The site's icon: three rising white bars on the header's blue, drawn from one description as
 * an SVG (for browsers that take one) and as a 32×32 Windows icon for `/favicon.ico`, the path
 * every browser asks for. Building the .ico here keeps a binary file out of the repository.
 */

const SIZE = 32;
const RADIUS = 6;
const BACKGROUND = [0x16, 0x32, 0x5c] as const;
const BAR = [0xff, 0xff, 0xff] as const;
/** Left edge, width and height of each bar, standing on the same baseline. */
const BARS = [
  { x: 6, width: 5, height: 9 },
  { x: 13.5, width: 5, height: 14 },
  { x: 21, width: 5, height: 19 },
] as const;
const BASELINE = 25;

const hex = (rgb: readonly number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

export const ICON_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">` +
  `<rect width="${SIZE}" height="${SIZE}" rx="${RADIUS}" fill="${hex(BACKGROUND)}"/>` +
  BARS.map((b) => `<rect x="${b.x}" y="${BASELINE - b.height}" width="${b.width}" height="${b.height}" fill="${hex(BAR)}"/>`).join('') +
  '</svg>\n';

/** Whether the pixel whose centre is (x + ½, y + ½) lies inside the rounded square. */
function insideSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x + 0.5, RADIUS), SIZE - RADIUS);
  const cy = Math.min(Math.max(y + 0.5, RADIUS), SIZE - RADIUS);
  return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= RADIUS ** 2;
}

function onBar(x: number, y: number): boolean {
  return BARS.some((b) => x + 0.5 >= b.x && x + 0.5 <= b.x + b.width && y + 0.5 >= BASELINE - b.height && y + 0.5 <= BASELINE);
}

/** A one-image .ico: ICONDIR, one entry, then a 32-bit BMP (bottom-up BGRA) and its empty AND mask. */
function iconFile(): Buffer {
  const pixels = SIZE * SIZE * 4;
  const mask = (SIZE / 8) * SIZE; // one bit per pixel, rows of 4 bytes
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(40 + pixels + mask, 14);
  header.writeUInt32LE(22, 18); // where the image starts
  header.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  header.writeInt32LE(SIZE, 26);
  header.writeInt32LE(SIZE * 2, 30); // colour and mask stacked
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  header.writeUInt32LE(pixels + mask, 42);
  const image = Buffer.alloc(pixels + mask);
  for (let row = 0; row < SIZE; row++) {
    const y = SIZE - 1 - row;
    for (let x = 0; x < SIZE; x++) {
      const at = (row * SIZE + x) * 4;
      if (!insideSquare(x, y)) continue; // transparent
      const [r, g, b] = onBar(x, y) ? BAR : BACKGROUND;
      image[at] = b;
      image[at + 1] = g;
      image[at + 2] = r;
      image[at + 3] = 0xff;
    }
  }
  return Buffer.concat([header, image]);
}

export const ICON_ICO = iconFile();
