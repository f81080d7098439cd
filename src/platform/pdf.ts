import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFKit from 'pdfkit';

/**
 * The CJK font every generated PDF (certificates, lists) uses, so Chinese names render on any
 * machine: PDF_CJK_FONT (a .ttf/.otf, or a .ttc with PDF_CJK_FONT_NAME naming the face), else
 * Noto Sans SC shipped by the npm package @expo-google-fonts/noto-sans-sc, else a system font.
 */
const require = createRequire(import.meta.url);

function packagedFont(): string | null {
  try {
    return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
  } catch {
    return null;
  }
}

const SYSTEM_FONTS: { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYi Micro Hei' },
];

export function cjkFont(): { path: string; face?: string } | null {
  const env = process.env.PDF_CJK_FONT;
  if (env && existsSync(env)) return { path: env, face: process.env.PDF_CJK_FONT_NAME };
  const packaged = packagedFont();
  if (packaged && existsSync(packaged)) return { path: packaged };
  return SYSTEM_FONTS.find((c) => existsSync(c.path)) ?? null;
}

/** Register the CJK font as 'cjk' on a document; false when none is available (English only). */
export function registerCjkFont(doc: PDFKit.PDFDocument): boolean {
  const font = cjkFont();
  if (!font) return false;
  doc.registerFont('cjk', font.path, font.face);
  return true;
}
