import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

/**
 * Row writers to a local file. Both keep memory constant: CSV writes line by line with
 * back-pressure; XLSX uses exceljs's streaming WorkbookWriter, committing each row.
 */
export interface RowWriter {
  header(titles: string[]): Promise<void>;
  row(values: (string | number | boolean | Date | null)[]): Promise<void>;
  close(): Promise<void>;
}

/** RFC 4180 quoting; a cell that Excel would read as a formula is prefixed with "'" (CSV injection). */
export function csvCell(v: string | number | boolean | Date | null): string {
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  let s = v instanceof Date ? v.toISOString() : v;
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class CsvWriter implements RowWriter {
  private readonly out: WriteStream;
  constructor(path: string) {
    this.out = createWriteStream(path);
  }
  private async write(text: string) {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
  async header(titles: string[]) {
    // The BOM makes Excel open UTF-8 (Chinese) correctly.
    await this.write('\uFEFF' + titles.map(csvCell).join(',') + '\r\n');
  }
  async row(values: (string | number | boolean | Date | null)[]) {
    await this.write(values.map(csvCell).join(',') + '\r\n');
  }
  async close() {
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** Excel's limit is 1,048,576 rows a sheet; bigger exports continue on the next sheet. */
export const ROWS_PER_SHEET = 1_000_000;

export class XlsxWriter implements RowWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet!: ExcelJS.Worksheet;
  private titles: string[] = [];
  private rowsInSheet = 0;
  private sheets = 0;
  constructor(
    path: string,
    private readonly sheetName: string,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  }
  private nextSheet() {
    this.sheets++;
    // sheet names: at most 31 characters, none of []:*?/\
    const base = this.sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 26) || 'Sheet';
    this.sheet = this.workbook.addWorksheet(this.sheets === 1 ? base : `${base} ${this.sheets}`);
    this.sheet.addRow(this.titles).commit();
    this.rowsInSheet = 0;
  }
  async header(titles: string[]) {
    this.titles = titles;
    this.nextSheet();
  }
  async row(values: (string | number | boolean | Date | null)[]) {
    if (this.rowsInSheet >= ROWS_PER_SHEET) {
      this.sheet.commit();
      this.nextSheet();
    }
    this.sheet.addRow(values).commit();
    this.rowsInSheet++;
  }
  async close() {
    this.sheet.commit();
    await this.workbook.commit();
  }
}
