import { describe, expect, it } from 'vitest';
import { MonitoringPlan } from '../../../core/coverage.ts';
import { channelChoices, fromForm, ids, newAgentRow, newChannelLine, readCount, toForm, type PlanForm } from './plan-form.ts';

const stored = MonitoringPlan.parse({
  default: { overall: 2, channels: { email: 1 } },
  agents: [{ agentId: 10, overall: 4, channels: { chat: 2 } }],
});

describe('the plan as the editor holds it', () => {
  it('round-trips a stored plan', () => {
    expect(fromForm(toForm(stored))).toEqual({ plan: stored, problems: [] });
  });

  it('reads a count only when it is a whole number from 0 to 1000', () => {
    expect(['0', ' 3 ', '1000'].map(readCount)).toEqual([0, 3, 1000]);
    expect(['', '1.5', '-1', 'x', '2 1', '1001', '1e2'].map(readCount)).toEqual([null, null, null, null, null, null, null]);
  });

  it('marks every line it cannot read and makes no plan, instead of dropping the line or reading it as 0', () => {
    const form: PlanForm = toForm(stored);
    form.default.overall = 'lots';
    form.default.channels[0]!.count = '';
    const blank = newAgentRow('2');
    const twice = { ...newAgentRow('1'), agentId: 10 };
    form.agents.push(blank, twice);
    const r = fromForm(form);
    expect(r.plan).toBeNull();
    expect(r.problems).toEqual([
      { id: ids.overall(form.default), kind: 'count' },
      { id: ids.count(form.default, form.default.channels[0]!), kind: 'count' },
      { id: ids.agent(blank), kind: 'agent-missing' },
      { id: ids.agent(twice), kind: 'agent-twice', agentId: 10 },
    ]);
  });

  it('refuses a channel stored before channels were checked until another is picked', () => {
    const form = toForm({ default: { overall: 2, channels: { phone: 2 } }, agents: [] });
    const line = form.default.channels[0]!;
    expect(fromForm(form).problems).toEqual([{ id: ids.channel(form.default, line), kind: 'channel-unknown', channel: 'phone' }]);
    expect(channelChoices([], form.default, line).unknown).toBe('phone');
    line.channel = 'voice';
    expect(fromForm(form).plan?.default).toEqual({ overall: 2, channels: { voice: 2 } });
  });

  it("offers the account's channels first, then Zendesk's others, each channel once per target", () => {
    const form = toForm(stored);
    const target = form.default;
    const added = newChannelLine(['chat', 'email', 'voice', 'carrier-pigeon'], target)!;
    expect(added).toMatchObject({ channel: 'chat', count: '1' }); // email is taken
    target.channels.push(added);
    const choices = channelChoices(['chat', 'email', 'voice', 'carrier-pigeon'], target, added);
    expect(choices.account).toEqual(['chat', 'voice']);
    expect(choices.other).not.toContain('email');
    expect(choices.other).not.toContain('chat');
    expect(choices.other).toContain('web');
    expect(choices.unknown).toBeNull();
  });

  it('leaves the default out when it asks for nothing', () => {
    expect(fromForm(toForm({ default: null, agents: [] })).plan).toEqual({ default: null, agents: [] });
  });
});
