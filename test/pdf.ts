import { extractText, getDocumentProxy } from 'unpdf';

/**
 * The text a PDF viewer shows, read with Mozilla's PDF.js (through unpdf): parsing proves the file
 * opens, and the text lets a test check what a certificate names.
 */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}
