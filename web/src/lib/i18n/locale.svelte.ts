/**
 * The language the villager screens are shown (and read aloud) in. One reactive value shared by the
 * catalogs (web/src/lib/i18n) and the read-aloud layer (web/src/platform/speech.ts).
 */
export type Lang = 'vi' | 'en';
export const langs: readonly Lang[] = ['vi', 'en'];

class Locale {
  lang = $state<Lang>('vi');
}

export const locale = new Locale();
