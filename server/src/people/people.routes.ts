import { Hono } from 'hono';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { PersonCodeSchema, RegisterPersonSchema } from '../../../shared/schemas/person.ts';
import * as v from 'valibot';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import type { AppEnv } from '../http/context.ts';
import { getPerson, getPersonByCode, registerPerson } from './people.service.ts';

const BirthYearQuery = v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number));

export const peopleRoutes = new Hono<AppEnv>()
  // Registration under the tablet's own id: PUT, so a retry is the same request.
  .put('/people/:id', jsonBody(RegisterPersonSchema), async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    const { db, config, now } = c.var.deps;
    return c.json(await registerPerson({ db, villages: config.center.villages, now }, id, c.req.valid('json')));
  })
  .get('/people/:id', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    return c.json(await getPerson(c.var.deps.db, id));
  })
  // "Tôi đã có thẻ": a villager finds their own record by the code on their slip and her birth year.
  .get('/people/by-code/:code', async (c) => {
    const code = parseOrThrow(PersonCodeSchema, c.req.param('code'));
    const birthYear = parseOrThrow(BirthYearQuery, c.req.query('birthYear'));
    return c.json(await getPersonByCode(c.var.deps.db, code, birthYear));
  });
