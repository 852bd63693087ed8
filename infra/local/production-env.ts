/**
 * Imported first by `npm start` (infra/local/start.ts): the handlers run in this process and load
 * React and react-pdf on their first render, so NODE_ENV must be set before any of them is imported.
 * As on AWS for the PDF functions (infra/constructs/relances-function.ts), React's production build
 * (~8 % faster renders); an explicit NODE_ENV wins (`NODE_ENV=development npm start` for React's
 * development warnings). The test stack (test/global-setup.ts) keeps vitest's `test`.
 */
process.env.NODE_ENV ??= 'production';
