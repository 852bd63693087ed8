/**
 * The @react-pdf/renderer module, handed to the templates by the renderer. Templates only
 * import its *type*: a static value import would be hoisted to the top of every esbuild
 * bundle that reaches the PDF adapter, and every function would load (or fail to find)
 * react-pdf at INIT even if it never renders a page.
 */
export type PdfKit = typeof import('@react-pdf/renderer');

/** A template's result: the `<Document>` root that `renderToBuffer` takes. */
export type PdfDocument = import('react').ReactElement<import('@react-pdf/renderer').DocumentProps>;

/**
 * How the "Page n / N" footer is printed. A page number read through react-pdf's `render`
 * prop makes the page dynamic, which costs two more layout passes of the whole page; most
 * documents are one page, so the renderer first prints a static "Page 1 / 1" (`one-page`) and
 * renders again with the dynamic footer (`dynamic`) only when the result has more pages.
 */
export type PageNumbering = 'one-page' | 'dynamic';
