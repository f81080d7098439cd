import type { BiText } from '../../api/types';
import { pickText } from '../../i18n';

/** Review views carry both languages ({zh, en}); show the current one. */
export const bi = (text: BiText | null | undefined) => (text ? pickText(text) : '-');
