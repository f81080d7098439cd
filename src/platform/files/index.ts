export { files, type FileRow } from './schema.js';
export { LocalStorage, S3Storage, createStorage, type Storage } from './storage.js';
export {
  FILE_PURPOSES,
  defineFilePurpose,
  extensionOf,
  GENERATED_PURPOSE,
  MB,
  type FilePurpose,
  type FileExtension,
} from './purposes.js';
export {
  saveUpload,
  openFile,
  canRead,
  getFileRecord,
  storeGeneratedFile,
  deleteFile,
  contentDisposition,
  sendStoredFile,
  toFileView,
  type UploadInput,
  type FileView,
} from './service.js';
export { filesRoutes } from './routes.js';
