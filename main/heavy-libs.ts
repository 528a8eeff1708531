// Libraries loaded on first use. exceljs and pdfkit take about half a second to load together, the label
// canvas (@napi-rs/canvas) a quarter, bwip-js a tenth and node-thermal-printer (with pngjs) a fiftieth; most CLI commands (`--help`, `lots`), the
// desktop's core worker at start-up and the demo builder never need them.
// test/integration/scale.test.ts checks that `--help` and `--version` load none of them.
/* eslint-disable @typescript-eslint/no-require-imports */
import type ExcelJSModule from 'exceljs';
import type PDFKitModule from 'pdfkit';
import type * as CanvasModule from '@napi-rs/canvas';
import type BwipModule from 'bwip-js/node';
import type * as ThermalPrinterModule from 'node-thermal-printer';

export const loadExcelJS = (): typeof ExcelJSModule => require('exceljs');
export const loadPDFDocument = (): typeof PDFKitModule => require('pdfkit');
export const loadCanvas = (): typeof CanvasModule => require('@napi-rs/canvas');
export const loadBwip = (): typeof BwipModule => require('bwip-js/node');
export const loadThermalPrinter = (): typeof ThermalPrinterModule => require('node-thermal-printer');
