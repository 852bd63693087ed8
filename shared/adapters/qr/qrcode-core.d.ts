/** The encoder of the `qrcode` package without its PNG and terminal renderers (smaller bundles). */
declare module 'qrcode/lib/core/qrcode.js' {
  interface BitMatrix {
    readonly size: number;
    readonly data: Uint8Array;
    get(row: number, col: number): number;
  }
  const qrcode: {
    create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { readonly modules: BitMatrix; readonly version: number };
  };
  export default qrcode;
}
