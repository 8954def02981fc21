/** Where this server stands: a center's box, a commune hub or a province hub. */
export type Place = 'center' | 'commune' | 'province';
/** The screens of the staff side (StaffApp.svelte). */
export type StaffScreen =
  | 'home'
  | 'assist'
  | 'appraise'
  | 'case'
  | 'lists'
  | 'people'
  | 'audit'
  | 'accounts'
  | 'federation'
  | 'hub'
  | 'decisions'
  | 'dashboard'
  | 'report'
  | 'figures'
  | 'resources'
  | 'registry'
  | 'hubAppraise'
  | 'history'
  | 'setup';
