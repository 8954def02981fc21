import * as v from 'valibot';
import { AdminUnitSchema, SetupViewSchema, type CenterSetup } from '../../../shared/schemas/center-setup.ts';
import { call } from '../lib/api.ts';

/** The setup of the box (administrator): /api/setup and the 2025 list of provinces and communes. */
export const setupApi = {
  view: () => call(SetupViewSchema, '/setup'),
  provinces: () => call(v.array(AdminUnitSchema), '/setup/provinces'),
  communes: (province: string) => call(v.array(AdminUnitSchema), `/setup/provinces/${province}/communes`),
  save: (setup: CenterSetup) =>
    call(SetupViewSchema, '/setup', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(setup),
    }),
};
