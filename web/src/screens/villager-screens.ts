import { loadCatalog } from '../lib/i18n/i18n.svelte.ts';

/** A screen's module once the whole catalog is there too: no screen is drawn before its strings. */
const withCatalog =
  <T>(screen: () => Promise<T>) =>
  (): Promise<T> =>
    Promise.all([screen(), loadCatalog()]).then(([module]) => module);

/**
 * Every screen after the welcome screen, each loaded when first opened: the first screen's download
 * holds the welcome screen alone. The service worker precaches all of them, so after the first visit
 * they open from the tablet, with the box off too. A second call answers from the module loaded.
 */
export const screens = {
  register: withCatalog(() => import('./Register.svelte')),
  find: withCatalog(() => import('./FindByCode.svelte')),
  group: withCatalog(() => import('./ChooseGroup.svelte')),
  indicator: withCatalog(() => import('./IndicatorScreen.svelte')),
  review: withCatalog(() => import('./Review.svelte')),
  result: withCatalog(() => import('./Result.svelte')),
  status: withCatalog(() => import('./StatusPanel.svelte')),
  resources: withCatalog(() => import('./Resources.svelte')),
  plan: withCatalog(() => import('./LearningPlan.svelte')),
  household: withCatalog(() => import('./Household.svelte')),
  householdFacts: withCatalog(() => import('./HouseholdFacts.svelte')),
  householdItem: withCatalog(() => import('./HouseholdItem.svelte')),
  householdReview: withCatalog(() => import('./HouseholdReview.svelte')),
  householdResult: withCatalog(() => import('./HouseholdResult.svelte')),
  digital: withCatalog(() => import('../digital/DigitalCheck.svelte')),
  digitalResult: withCatalog(() => import('../digital/DigitalResultScreen.svelte')),
  /** The staff side, under /staff (its own catalogs; the villager's too, for assisted sessions). */
  staff: withCatalog(() => import('../staff/StaffApp.svelte')),
};

/** The screens a tap on the welcome screen opens, fetched at the first touch or key (App.svelte), so that tap answers at once. */
export function warmWelcomeChoices(): void {
  void screens.register();
  void screens.find();
}
