import { Hono } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { PersonCodeSchema, RegisterPersonSchema } from '../../../shared/schemas/person.ts';
import * as v from 'valibot';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import type { AppEnv } from '../http/context.ts';
import { guardedRegistration, guardedSlipLookup } from '../villager/slip-guard.ts';
import { bindByLookup, requirePerson, tokenHashOf } from '../villager/villager.service.ts';
import { getPerson, getPersonByCode, registerPerson } from './people.service.ts';

const BirthYearQuery = v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number));

export const peopleRoutes = new Hono<AppEnv>()
  // Registration under the tablet's own id: PUT, so a retry is the same request. It binds the
  // tablet's session token to her (staff register without one). A child's needs the facilitator's
  // staff session on the same request (assisted mode: the tablet carries her sign-in cookie).
  .put('/people/:id', jsonBody(RegisterPersonSchema), async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    const input = c.req.valid('json');
    const tokenHash = tokenHashOf(c);
    if (!tokenHash && !c.var.staff) throw new AppError('villager.token-required');
    const { db, config, now } = c.var.deps;
    const staff = c.var.staff ? { id: c.var.staff.id, role: c.var.staff.role } : null;
    return c.json(
      await guardedRegistration(c, input.code, (keepCode, onCollision) =>
        registerPerson({ db, config, now }, id, input, { tokenHash, keepCode, onCollision, staff }),
      ),
    );
  })
  .get('/people/:id', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requirePerson(c, id, 'read');
    return c.json(await getPerson(c.var.deps.db, id));
  })
  // "Tôi đã đăng ký rồi (có phiếu)": a villager finds their own record by the code on their slip and her birth year,
  // which binds her tablet's token to her; throttled per client and per code.
  .get('/people/by-code/:code', async (c) => {
    const code = parseOrThrow(PersonCodeSchema, c.req.param('code'));
    const birthYear = parseOrThrow(BirthYearQuery, c.req.query('birthYear'));
    const person = await guardedSlipLookup(c, code, () => getPersonByCode(c.var.deps.db, code, birthYear));
    await bindByLookup(c, person.id);
    return c.json(person);
  });
