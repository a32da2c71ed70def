/** `/people` and `/retention`: the synced staff directory (decision 028); erasure of one person's data and deletion of old evaluations (decision 014), admins only. */
import { z } from 'zod';
import { Erasure, RetentionRequest, RetentionResult } from '../api.ts';
import { ADMIN } from '../permissions.ts';
import { PeopleDirectory } from '../synced-population.ts';
import { ANYONE, contract, json, jsonBody } from './contract.ts';

/** A Zendesk user id in a path. */
export const UserIdParam = z.object({ userId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const erasePerson = contract({
  method: 'delete',
  path: '/people/{userId}',
  tag: 'people',
  summary:
    "Erase one person's data in every table, in one transaction: their evaluations as reviewee, coaching notes and targets on them and their plan targets are deleted; what they did is kept under one pseudonym",
  roles: ADMIN,
  request: { params: UserIdParam },
  responses: { 200: json(Erasure) },
});

export const applyRetention = contract({
  method: 'post',
  path: '/retention',
  tag: 'people',
  summary: 'Delete evaluations older than olderThanDays, with their answers, history and coaching notes; reports are rebuilt',
  roles: ADMIN,
  request: { body: jsonBody(RetentionRequest) },
  responses: { 200: json(RetentionResult) },
});

/** Names without a Zendesk request per name: staff (agents and admins, whom every agent sees in Zendesk) and groups. */
export const peopleDirectory = contract({
  method: 'get',
  path: '/people/directory',
  tag: 'people',
  summary:
    "The account's agents, admins and groups with their names, from the synced Zendesk users and groups (source none: nothing synced)",
  roles: ANYONE,
  responses: { 200: json(PeopleDirectory) },
});
