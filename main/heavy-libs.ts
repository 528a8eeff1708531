// Libraries loaded on first use. exceljs and pdfkit take about half a second to load together, and most CLI
// commands (and the desktop's core worker at start-up) never need them; the demo builder never does.
/* eslint-disable @typescript-eslint/no-require-imports */
import type ExcelJSModule from 'exceljs';
import type PDFKitModule from 'pdfkit';

export const loadExcelJS = (): typeof ExcelJSModule => require('exceljs');
export const loadPDFDocument = (): typeof PDFKitModule => require('pdfkit');
