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

/** XML-escape a cell's text; characters XML 1.0 cannot carry (C0 controls but tab/CR/LF) are dropped. */
const XML_SPECIAL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_REPLACE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export function xmlText(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(XML_REPLACE, (c) => XML_ENTITIES[c] ?? '') : s;
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The zip entry's input that exceljs's sheet stream feeds (archiver wraps it in a PassThrough). */
interface ZipEntryInput {
  _writableState?: { length: number };
  once(event: 'drain', cb: () => void): unknown;
}
/** The part of exceljs's streaming worksheet writer the fast path writes through (see XlsxWriter). */
interface SheetStream {
  stream?: { write(chunk: string): unknown; pipes?: ZipEntryInput[] };
  startedData?: boolean;
}

/**
 * Deflate level of the package: 1 (fastest) rather than zlib's default 6. Deflate runs on libuv's
 * threads and was the writer's bottleneck; level 1 makes the file ~15 % bigger and is the fastest (bench/export-xlsx.bench.ts).
 */
const ZIP_LEVEL = 1;

/** Rows are handed to the sheet stream in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;
/** Past this many bytes waiting for the compressor, the writer waits for it (constant memory). */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/** ...but never longer than this at a time (a safety net should the zip entry not be read yet). */
const MAX_WAIT_MS = 2000;

/**
 * XLSX through exceljs's streaming WorkbookWriter (no shared strings, no styles), which writes the
 * package (content types, workbook, relations, one zip entry per sheet). The header row goes through
 * exceljs's row API. Data rows are rendered here as SpreadsheetML `<row>` elements (inline strings,
 * numbers, booleans) and appended to the sheet's stream in 64 KB chunks: the same XML exceljs would
 * write, without its per-row Row and per-cell Cell objects, which cost 3-4× the rest of the export
 * (bench/export-xlsx.bench.ts). Should a future exceljs drop that stream, rows fall back to addRow.
 */
export class XlsxWriter implements RowWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet!: ExcelJS.Worksheet;
  private fast: SheetStream['stream'] | null = null;
  private entry: ZipEntryInput | null = null;
  private titles: string[] = [];
  private cols: string[] = [];
  private rowsInSheet = 0;
  private sheets = 0;
  private pending = '';
  constructor(
    path: string,
    private readonly sheetName: string,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false, zip: { zlib: { level: ZIP_LEVEL } } });
  }
  private nextSheet() {
    this.sheets++;
    // sheet names: at most 31 characters, none of []:*?/\
    const base = this.sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 26) || 'Sheet';
    this.sheet = this.workbook.addWorksheet(this.sheets === 1 ? base : `${base} ${this.sheets}`);
    this.sheet.addRow(this.titles).commit();
    const internals = this.sheet as unknown as SheetStream;
    this.fast = internals.startedData === true && typeof internals.stream?.write === 'function' ? internals.stream : null;
    const entry = this.fast?.pipes?.[0];
    this.entry = entry && typeof entry.once === 'function' && entry._writableState ? entry : null;
    this.rowsInSheet = 0;
  }
  private flush() {
    if (this.pending && this.fast) this.fast.write(this.pending);
    this.pending = '';
  }
  /**
   * Back-pressure: exceljs hands chunks to the zip entry without waiting, so a writer faster than
   * deflate would pile the sheet up in memory (≈ 470 MB at 1,000,000 rows). Wait for it to drain.
   */
  private async drained() {
    const entry = this.entry;
    if (!entry || (entry._writableState?.length ?? 0) < MAX_PENDING_BYTES) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, MAX_WAIT_MS);
      entry.once('drain', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  async header(titles: string[]) {
    this.titles = titles;
    this.cols = titles.map((_, i) => columnLetters(i));
    this.nextSheet();
  }
  async row(values: (string | number | boolean | Date | null)[]) {
    if (this.rowsInSheet >= ROWS_PER_SHEET) {
      this.flush();
      this.sheet.commit();
      this.nextSheet();
    }
    this.rowsInSheet++;
    if (!this.fast) {
      this.sheet.addRow(values).commit();
      return;
    }
    const r = this.rowsInSheet + 1; // row 1 is the header
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const ref = `${this.cols[i] ?? columnLetters(i)}${r}`;
      if (typeof v === 'number' && Number.isFinite(v)) xml += `<c r="${ref}"><v>${v}</v></c>`;
      else if (typeof v === 'boolean') xml += `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
      else {
        const s = v instanceof Date ? v.toISOString() : String(v);
        const space = s.length && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(s)}</t></is></c>`;
      }
    }
    this.pending += xml + '</row>';
    if (this.pending.length >= CHUNK_CHARS) {
      this.flush();
      await this.drained();
    }
  }
  async close() {
    this.flush();
    this.sheet.commit();
    await this.workbook.commit();
  }
}
