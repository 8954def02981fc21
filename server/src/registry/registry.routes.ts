import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import {
  CreateClanSchema,
  CreateUnitSchema,
  HouseholdFactsSchema,
  LinkHouseholdSchema,
  LinkMemberSchema,
  RegisterHouseholdSchema,
  RegistryYearSchema,
  StaffCountSchema,
  UpdateClanSchema,
  UpdateUnitSchema,
} from '../../../shared/schemas/registry.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { validityOf } from '../collective-titles/recognitions.ts';
import * as clans from './clans.service.ts';
import * as units from './units.service.ts';
import * as households from './households.service.ts';
import { guardedSlipLookup } from '../villager/slip-guard.ts';
import { householdFor, requireHousehold, requireOwnSlip, requirePerson } from '../villager/villager.service.ts';

const YearParam = v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number), RegistryYearSchema);
const BirthYearBody = v.strictObject({
  code: LinkMemberSchema.entries.code,
  birthYear: LinkMemberSchema.entries.birthYear,
});

function deps(c: Context<AppEnv>): households.RegistryDeps {
  const { db, config, now } = c.var.deps;
  return { db, villages: config.center.villages, now, validity: validityOf(config) };
}
const id = (c: Context<AppEnv>, name = 'id') => parseOrThrow(Uuid7Schema, c.req.param(name));
const staffOnly = requireRole('facilitator', 'admin');

export const registryRoutes = new Hono<AppEnv>()
  // At the tablet, with her session's token (villager.service.ts): the head registers the household
  // under the tablet's id (PUT: a retry is the same request), links adults and declares its facts;
  // current members read it, by name only. Staff see and do all of it.
  .put('/households/:id', jsonBody(RegisterHouseholdSchema), async (c) => {
    const input = c.req.valid('json');
    const actor = await requireOwnSlip(c, input.headCode, input.headBirthYear);
    return c.json(householdFor(actor, await households.registerHousehold(deps(c), id(c), input)));
  })
  .get('/households/:id', async (c) => {
    const actor = await requireHousehold(c, id(c), 'read');
    return c.json(householdFor(actor, await households.getHousehold(deps(c), id(c))));
  })
  // Adults linked by their slip codes and birth years (throttled as a look-up); only signed-in staff
  // may move someone from another household.
  .post('/households/:id/members', jsonBody(LinkMemberSchema), async (c) => {
    const actor = await requireHousehold(c, id(c), 'write');
    const input = c.req.valid('json');
    return c.json(
      householdFor(
        actor,
        await guardedSlipLookup(c, input.code, () => households.linkMember(deps(c), c.var.staff ?? null, id(c), input)),
      ),
    );
  })
  .put('/households/:id/facts/:year', jsonBody(HouseholdFactsSchema), async (c) => {
    const actor = await requireHousehold(c, id(c), 'write');
    return c.json(
      householdFor(
        actor,
        await households.putFacts(deps(c), id(c), parseOrThrow(YearParam, c.req.param('year')), c.req.valid('json')),
      ),
    );
  })
  .get('/people/:id/household', async (c) => {
    const actor = await requirePerson(c, id(c), 'read');
    return c.json({ household: householdFor(actor, await households.householdOf(deps(c), id(c))) });
  })

  // Facilitators and officers.
  .get('/staff/households', staffOnly, async (c) =>
    c.json(await households.listHouseholds(deps(c), c.req.query('village') || undefined)),
  )
  .post('/staff/households/:id/members/:personId/leave', staffOnly, async (c) =>
    c.json(await households.leaveHousehold(deps(c), c.var.staff!, id(c), id(c, 'personId'))),
  )
  .put('/staff/households/:id/head', staffOnly, jsonBody(v.strictObject({ personId: Uuid7Schema })), async (c) =>
    c.json(await households.setHead(deps(c), c.var.staff!, id(c), c.req.valid('json').personId)),
  )
  .get('/staff/clans', staffOnly, async (c) => c.json(await clans.listClans(c.var.deps.db)))
  .post('/staff/clans', staffOnly, jsonBody(CreateClanSchema), async (c) =>
    c.json(await clans.createClan(deps(c), c.var.staff!, c.req.valid('json'))),
  )
  .get('/staff/clans/:id', staffOnly, async (c) => c.json(await clans.getClan(c.var.deps.db, id(c))))
  .put('/staff/clans/:id', staffOnly, jsonBody(UpdateClanSchema), async (c) =>
    c.json(await clans.updateClan(deps(c), c.var.staff!, id(c), c.req.valid('json'))),
  )
  .post('/staff/clans/:id/households', staffOnly, jsonBody(LinkHouseholdSchema), async (c) =>
    c.json(await clans.linkClanHousehold(deps(c), c.var.staff!, id(c), c.req.valid('json'))),
  )
  .post('/staff/clans/:id/households/:householdId/leave', staffOnly, async (c) =>
    c.json(await clans.leaveClan(deps(c), c.var.staff!, id(c), id(c, 'householdId'))),
  )
  .get('/staff/units', staffOnly, async (c) => c.json(await units.listUnits(c.var.deps.db)))
  .post('/staff/units', staffOnly, jsonBody(CreateUnitSchema), async (c) =>
    c.json(await units.createUnit(deps(c), c.var.staff!, c.req.valid('json'))),
  )
  .put('/staff/units/:id', staffOnly, jsonBody(UpdateUnitSchema), async (c) =>
    c.json(await units.updateUnit(deps(c), c.var.staff!, id(c), c.req.valid('json'))),
  )
  .get('/staff/units/:id', staffOnly, async (c) => c.json(await units.getUnit(c.var.deps.db, id(c))))
  .put('/staff/units/:id/staff-count/:year', staffOnly, jsonBody(StaffCountSchema), async (c) =>
    c.json(
      await units.setStaffCount(
        deps(c),
        c.var.staff!,
        id(c),
        parseOrThrow(YearParam, c.req.param('year')),
        c.req.valid('json').count,
      ),
    ),
  )
  .post('/staff/units/:id/members', staffOnly, jsonBody(BirthYearBody), async (c) => {
    const { code, birthYear } = c.req.valid('json');
    return c.json(await units.linkUnitMember(deps(c), c.var.staff!, id(c), code, birthYear));
  })
  .post('/staff/units/:id/members/:personId/leave', staffOnly, async (c) =>
    c.json(await units.leaveUnit(deps(c), c.var.staff!, id(c), id(c, 'personId'))),
  );
