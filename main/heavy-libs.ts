// Libraries loaded on first use. exceljs and pdfkit take about half a second to load together, the label
// canvas (@napi-rs/canvas) a quarter and bwip-js a tenth; most CLI commands (`--help`, `lots`), the
// desktop's core worker at start-up and the demo builder never need them.
// test/integration/lazy-modules.test.ts checks that they stay unloaded until used.
/* eslint-disable @typescript-eslint/no-require-imports */
import type ExcelJSModule from 'exceljs';
import type PDFKitModule from 'pdfkit';
import type * as CanvasModule from '@napi-rs/canvas';
import type BwipModule from 'bwip-js/node';

export const loadExcelJS = (): typeof ExcelJSModule => require('exceljs');
export const loadPDFDocument = (): typeof PDFKitModule => require('pdfkit');
export const loadCanvas = (): typeof CanvasModule => require('@napi-rs/canvas');
export const loadBwip = (): typeof BwipModule => require('bwip-js/node');
