import { Router } from 'express';
import { notFound } from '../errors.js';
import type { Owner } from '../portal/owners.js';
import type { Sandbox } from '../sandbox.js';
import { param, portalOf, queryBool, queryLimit, queryString } from './http.js';
import { pageLink } from './page-link.js';

function ownerJson(o: Owner) {
  return {
    id: o.id,
    email: o.email,
    type: o.type,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userIdIncludingInactive,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    archived: o.archived,
    teams: o.teams,
  };
}

/** Owners v3: paged list (filter by email, archived) and get by id (or userId with idProperty). */
export function ownersRouter(sandbox: Sandbox): Router {
  const r = Router();
  r.get(['/crm/v3/owners', '/crm/v3/owners/'], (req, res) => {
    const portal = portalOf(sandbox, res);
    const email = queryString(req.query.email);
    const limit = queryLimit(req.query.limit, 100, 500);
    const after = queryString(req.query.after);
    const all = portal.owners
      .list(queryBool(req.query.archived))
      .filter((o) => !email || o.email.toLowerCase() === email.toLowerCase());
    const start = after ? all.findIndex((o) => Number(o.id) > Number(after)) : 0;
    const page = start < 0 ? [] : all.slice(start, start + limit);
    const more = start >= 0 && start + limit < all.length;
    const next = more ? page[page.length - 1].id : undefined;
    res.json(
      next
        ? {
            results: page.map(ownerJson),
            paging: { next: { after: next, link: pageLink(req, next) } },
          }
        : { results: page.map(ownerJson) },
    );
  });
  r.get('/crm/v3/owners/:ownerId', (req, res) => {
    const portal = portalOf(sandbox, res);
    const id = param(req, 'ownerId');
    const archived = queryBool(req.query.archived);
    const byUser = queryString(req.query.idProperty) === 'userId';
    const owner = portal.owners
      .list(archived)
      .find((o) => (byUser ? String(o.userId) === id : o.id === id));
    if (!owner) throw notFound(`Owner ${id} not found`, { ownerId: [id] });
    res.json(ownerJson(owner));
  });
  return r;
}
