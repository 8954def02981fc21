import { vi } from '../../../../shared/i18n/vi.ts';
import { firstScreenSections, type FirstScreenMessages } from './first-sections.ts';

/**
 * The Vietnamese strings of the first screen. In the production build this module is replaced by
 * these sections alone, written out as a literal (vite.config.ts, `firstScreenStrings`), so the first
 * download does not carry the whole catalog; in tests and `npm run dev` it reads them from it.
 */
export const firstScreenStrings: FirstScreenMessages = firstScreenSections(vi);
