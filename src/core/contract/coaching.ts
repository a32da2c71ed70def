/** `/coaching-notes`: the evaluation's reviewer or a lead coaches; the agent reads and acknowledges. */
import { CoachingListQuery, CoachingNote, CoachingNoteCreate, CoachingNoteList } from '../coaching.ts';
import { STAFF } from '../permissions.ts';
import { ANYONE, contract, json, jsonBody } from './contract.ts';

export const writeCoachingNote = contract({
  method: 'post',
  path: '/coaching-notes',
  tag: 'coaching',
  summary: 'Write a coaching note on an evaluation',
  roles: STAFF,
  errors: [404],
  request: { body: jsonBody(CoachingNoteCreate) },
  responses: { 201: json(CoachingNote, 'Created') },
});

export const listCoachingNotes = contract({
  method: 'get',
  path: '/coaching-notes',
  tag: 'coaching',
  summary: 'Coaching notes of an evaluation or an agent',
  roles: ANYONE,
  access: 'an agent reads only notes on their own work',
  request: { query: CoachingListQuery },
  responses: { 200: json(CoachingNoteList) },
});

export const acknowledgeCoachingNote = contract({
  method: 'post',
  path: '/coaching-notes/{id}/acknowledge',
  tag: 'coaching',
  summary: 'Acknowledge a coaching note as the agent',
  roles: ANYONE,
  access: 'only the coached agent',
  responses: { 200: json(CoachingNote) },
});
