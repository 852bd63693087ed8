/**
 * QR codes with the `qrcode` package's encoder (error correction M, as EPC069-12 asks). The
 * matrix feeds the PDF documents; the SVG is what the portal sends to the browser.
 */
import qrcode from 'qrcode/lib/core/qrcode.js';

/** Dark modules, row by row (true = dark), without the quiet zone. */
export const qrMatrix = (text: string): boolean[][] => {
  const { modules } = qrcode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1));
};

/** A standalone SVG: one path of unit squares, a 4-module quiet zone, scalable (viewBox). */
export const qrSvg = (text: string): string => {
  const matrix = qrMatrix(text);
  const size = matrix.length + 8;
  let d = '';
  matrix.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) d += `M${x + 4} ${y + 4}h1v1h-1z`;
  }));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
};
