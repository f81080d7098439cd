export { exportJobs, type ExportJobRow } from './schema.js';
export { maskName, maskPhone, maskEmail, mask, type MaskKind } from './mask.js';
export {
  defineExport,
  createExportRegistry,
  DEFAULT_MAX_ROWS,
  keysetRows,
  type ExportDefinition,
  type ExportColumn,
  type ExportRegistry,
  type ExportFormat,
  type CellValue,
} from './registry.js';
export {
  requestExport,
  listExports,
  openExportDownload,
  runExport,
  maintainExports,
  exportJobsFor,
  toExportView,
  EXPORT_RUN,
  EXPORT_MAINTAIN,
  EXPORT_CREATED,
  EXPORT_RETENTION_MS,
  STATUS_NAMES,
  PROGRESS_EVERY,
  type ExportView,
} from './service.js';
export { csvCell, CsvWriter, XlsxWriter, ROWS_PER_SHEET } from './writers.js';
export { exportRoutes, type ExportRoutesOptions } from './routes.js';
