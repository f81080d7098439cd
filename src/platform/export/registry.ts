import type { z } from 'zod';
import type { Ctx } from '../context.js';
import type { Executor } from '../db/index.js';
import type { Text } from '../i18n/index.js';
import type { Access } from '../http.js';
import type { MaskKind } from './mask.js';

export type ExportFormat = 'csv' | 'xlsx';
export type CellValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn<Row> {
  /** Property of the row, or a value computed from it. */
  key: string;
  title: Text;
  mask?: MaskKind;
  value?: (row: Row) => CellValue;
}

export interface ExportDefinition<Params = Record<string, unknown>, Row = Record<string, unknown>> {
  kind: string;
  /** 导出内容 shown in the record list, e.g. "营销任务-大单续订任务". */
  title: Text;
  columns: ExportColumn<Row>[];
  /** Validates the request's params (a zod object); its output is what `rows` receives. */
  params?: z.ZodType<Params>;
  /** A menu path the requester needs (checked with requirePermission). */
  permission?: string;
  /** Who may request it (default: any signed-in actor; e.g. { actor: 'partner', admin: true } for 仅限超级管理员导出). */
  access?: Access;
  /** Refuse more rows than this (the guide's detail exports stop at 5,000,000). */
  maxRows?: number;
  /**
   * The rows, streamed: page through the database (keyset) rather than loading everything.
   * `ctx` carries the requester as an actor so data scopes apply. Never open a long transaction
   * here: on PGlite it would block every other request for the length of the export.
   */
  rows: (ex: Executor, ctx: Ctx, params: Params) => AsyncIterable<Row>;
}

export type ExportRegistry = ReadonlyMap<string, ExportDefinition<any, any>>;

/** Typed helper: declares one export kind. */
export function defineExport<Params, Row>(def: ExportDefinition<Params, Row>): ExportDefinition<Params, Row> {
  return def;
}

/** The registry passed to routes and the runner; every module contributes its kinds. */
export function createExportRegistry(defs: ExportDefinition<any, any>[]): ExportRegistry {
  const map = new Map<string, ExportDefinition<any, any>>();
  for (const d of defs) {
    if (map.has(d.kind)) throw new Error(`export kind ${d.kind} defined twice`);
    map.set(d.kind, d);
  }
  return map;
}

export const DEFAULT_MAX_ROWS = 5_000_000;

/**
 * The rows of a keyset-paged query for `rows`, one page read ahead: while the runner masks and writes
 * page k, the database is already producing page k+1. `fetch(null)` reads the first page, `fetch(cursor)`
 * the page after that cursor; a page shorter than `pageSize` is the last.
 */
export async function* keysetRows<Row, Cursor>(
  fetch: (after: Cursor | null) => Promise<Row[]>,
  cursorOf: (last: Row) => Cursor,
  pageSize: number,
): AsyncGenerator<Row> {
  const ahead = (after: Cursor | null) => {
    const p = fetch(after);
    p.catch(() => undefined); // surfaced by the await below; not unhandled if the runner stops early
    return p;
  };
  let next: Promise<Row[]> | null = ahead(null);
  while (next) {
    const page: Row[] = await next;
    next = page.length >= pageSize ? ahead(cursorOf(page[page.length - 1]!)) : null;
    for (const row of page) yield row;
  }
}
