/**
 * The PDF renderer, for the functions whose route is flagged `pdf: true` only: those ship
 * @react-pdf/renderer as a real node_modules package (infra/pdf-bundling.ts). Any other
 * function importing this would inline react-pdf, which then fails to find its fonts.
 */
import { ReactPdfRenderer } from './adapters/pdf/react-pdf-renderer.js';

export const pdfRenderer = new ReactPdfRenderer();
