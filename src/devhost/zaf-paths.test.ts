/** ZAF get/set over the in-memory Zendesk, in the envelope shapes the SDK expects (fixtures/zaf). */
import { describe, expect, it } from 'vitest';
import { IDS } from './sample-data.ts';
import { createZafPaths } from './zaf-paths.ts';
import { createZendeskState } from './zendesk-state.ts';

function setup(options: { requirementsInstalled?: boolean } = {}) {
  const state = createZendeskState(options);
  const zaf = createZafPaths(state);
  const ticket = state.tickets().find((t) => t.assignee_id === IDS.users.alex)!;
  const ctx = { userId: IDS.users.rita, location: 'ticket_sidebar', ticketId: ticket.id };
  return { state, zaf, ticket, ctx };
}

describe('get', () => {
  it('keys each value by the path asked and always carries errors', () => {
    const { zaf, ticket, ctx } = setup();
    const { result } = zaf.get(['ticket.subject', 'ticket.id', 'ticket.via.channel', 'ticket.assignee.user.name'], ctx);
    expect(result).toEqual({
      errors: {},
      'ticket.subject': ticket.subject,
      'ticket.id': ticket.id,
      'ticket.via.channel': ticket.channel,
      'ticket.assignee.user.name': 'Alex Agent',
    });
  });

  it('gives the ticket with assignee user and group, brand and form; currentUser with groups', () => {
    const { zaf, ctx } = setup();
    const { result } = zaf.get(['ticket', 'currentUser'], ctx);
    expect(result.ticket).toMatchObject({
      assignee: { user: { id: IDS.users.alex }, group: { id: expect.any(Number), name: expect.any(String) } },
      brand: { id: expect.any(Number) },
      form: { id: expect.any(Number) },
      tags: expect.any(Array),
      updatedAt: expect.any(String),
    });
    expect(result.currentUser).toMatchObject({
      id: IDS.users.rita,
      role: 'agent',
      groups: expect.arrayContaining([{ id: IDS.groups.qaReviewers, name: 'QA Reviewers' }]),
    });
  });

  it('reads an unset custom field as "" and a requirement as its field id', () => {
    const { zaf, ctx } = setup();
    const { result } = zaf.get([`ticket.customField:custom_field_${IDS.fields.qaScore}`, 'requirement:qa_result'], ctx);
    expect(result[`ticket.customField:custom_field_${IDS.fields.qaScore}`]).toBe('');
    expect(result['requirement:qa_result']).toEqual({ requirement_id: IDS.fields.qaResult });
  });

  it('puts a failing path under errors and reports only the paths it does not know', () => {
    const { zaf, ctx } = setup({ requirementsInstalled: false });
    const { result, unknown } = zaf.get(['ticket.subject', 'requirement:qa_score', 'ticket.nonsense', 'weather'], { ...ctx });
    expect(Object.keys(result.errors).sort()).toEqual(['requirement:qa_score', 'ticket.nonsense', 'weather']);
    expect(result.errors.weather).toEqual({ message: 'weather unavailable' });
    expect(unknown).toEqual(['ticket.nonsense', 'weather']);
  });

  it('has no ticket outside the ticket sidebar', () => {
    const { zaf } = setup();
    const { result, unknown } = zaf.get(['ticket.id', 'currentUser.name'], { userId: IDS.users.ada, location: 'nav_bar' });
    expect(result.errors['ticket.id']).toBeDefined();
    expect(result['currentUser.name']).toBe('Ada Admin');
    expect(unknown).toEqual([]);
  });
});

describe('set', () => {
  it('changes the unsaved form, not the stored ticket, and names the change event', () => {
    const { zaf, state, ticket, ctx } = setup();
    const path = `ticket.customField:custom_field_${IDS.fields.qaResult}`;
    const outcome = zaf.set({ [path]: 'qa_pass' }, ctx);
    expect(outcome.draft).toEqual({ [path]: 'qa_pass' });
    expect(outcome.events).toEqual([{ name: `ticket.custom_field_${IDS.fields.qaResult}.changed`, data: 'qa_pass' }]);
    expect(state.fieldValue(ticket, IDS.fields.qaResult)).toBeNull();
    expect(zaf.get([path], { ...ctx, draft: outcome.draft }).result[path]).toBe('qa_pass');
  });

  it('refuses paths it cannot set', () => {
    const { zaf, ctx } = setup();
    const outcome = zaf.set({ 'ticket.requester': 1 }, ctx);
    expect(outcome.result.errors['ticket.requester']).toBeDefined();
    expect(outcome.unknown).toEqual(['ticket.requester']);
  });
});
