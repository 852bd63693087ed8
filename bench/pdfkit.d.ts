/**
 * The few pdfkit and fontkit calls the benchmark floor makes (bench/pdfkit-page.ts): neither
 * ships types; both are pinned to the versions react-pdf itself uses.
 */
declare module 'fontkit' {
  /** A parsed font; pdfkit takes it as is (anything with a `layout` method). */
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Buffer | Uint8Array): Font;
}

declare module 'pdfkit' {
  import type { Font } from 'fontkit';
  interface TextOptions {
    width?: number;
    align?: 'left' | 'right' | 'center' | 'justify';
    lineGap?: number;
  }
  class PDFDocument {
    constructor(options?: { size?: string; margin?: number; font?: string | Font; compress?: boolean; info?: Record<string, string> });
    y: number;
    page: { margins: { bottom: number } };
    registerFont(name: string, src: Buffer | string | Font): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    rect(x: number, y: number, w: number, h: number): this;
    fill(color?: string): this;
    stroke(): this;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    end(): void;
  }
  export default PDFDocument;
}
