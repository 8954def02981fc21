import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config/load.ts';
import { configDir } from './harness.ts';

/** A copy of kiosk-config with one file replaced. */
function configWith(file: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  cpSync(configDir, dir, { recursive: true });
  writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

/** The shipped question bank with one choice item's answer pointing nowhere. */
function brokenBank(): unknown {
  const bank = JSON.parse(readFileSync(join(configDir, 'digital', 'digital-2025.json'), 'utf8')) as {
    items: { kind: string; correct?: string }[];
  };
  const choice = bank.items.find((i) => i.kind === 'choice')!;
  choice.correct = 'no-such-option';
  return bank;
}

/** The shipped CDHT 2022 set with a bidi isolate hidden in its first indicator's short title. */
function withHiddenWording(): unknown {
  const set = JSON.parse(readFileSync(join(configDir, 'criteria', 'cdht-2022.json'), 'utf8')) as {
    indicators: { short: string }[];
  };
  set.indicators[0]!.short = `\u2066${set.indicators[0]!.short}\u2069`;
  return set;
}

const demo = { center: { id: 'x', name: 'TT', commune: 'Xã', province: 'Tỉnh', villages: ['Thôn A'] } };

describe('kiosk-config', () => {
  it('loads the demo center with defaults, frozen', () => {
    const config = loadConfig({ configDir, env: {} });
    expect(config.center.villages.length).toBeGreaterThanOrEqual(3);
    expect(config.settings['server.port']).toBe(8080);
    expect(config.settings['db.synchronous']).toBe('FULL');
    expect(config.criteriaSets.map((s) => `${s.id}@${s.version}`)).toEqual(['cdht-2022@2022.1', 'cdht-2023@2023.1']);
    expect(config.targets.national.cdht).toEqual({ 2025: 0.4, 2030: 0.6 });
    expect(config.targets.commune.cdht?.['2025']).toBe(0.45);
    expect(config.digitalBanks.map((b) => `${b.id}@${b.version}`)).toEqual(['digital-2025@2025.1']);
    expect(Object.isFrozen(config.settings)).toBe(true);
    expect(Object.isFrozen(config.criteriaSets[0]!.indicators[0])).toBe(true);
  });

  it('every shipped criteria set has ten indicators worded for each group, marked as default', () => {
    for (const set of loadConfig({ configDir, env: {} }).criteriaSets) {
      expect(set.status).toBe('default');
      expect(set.indicators.map((i) => i.id)).toEqual([
        'CS01',
        'CS02',
        'CS03',
        'CS04',
        'CS05',
        'CS06',
        'CS07',
        'CS08',
        'CS09',
        'CS10',
      ]);
      expect(set.scoring).toEqual({ kind: 'points', minScore: 1, maxScore: 10, passTotal: 80, minPerIndicator: 5 });
    }
  });

  it('the environment overrides the center file', () => {
    const config = loadConfig({ configDir, env: { KIOSK_PORT: '9090', KIOSK_YEAR: '2027' } });
    expect(config.settings['server.port']).toBe(9090);
    expect(config.settings['year.fixed']).toBe(2027);
  });

  it.each<[string, Record<string, string>, () => string, RegExp]>([
    [
      'a port out of range in the environment',
      { KIOSK_PORT: '70000' },
      () => configDir,
      /KIOSK_PORT.*"server\.port".*0 to 65535/,
    ],
    ['a non-numeric port', { KIOSK_PORT: 'abc' }, () => configDir, /"server\.port"/],
    [
      'an unknown synchronous mode',
      { KIOSK_DB_SYNCHRONOUS: 'OFF' },
      () => configDir,
      /"db\.synchronous".*FULL, NORMAL/,
    ],
    [
      'a missing center file',
      { KIOSK_CENTER: 'nowhere' },
      () => configDir,
      /centers\/nowhere\.json.*"\(file\)".*not found/,
    ],
    [
      'an unknown option in a center file',
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { ...demo, settings: { 'server.prot': 1 } }),
      /centers\/bad\.json.*"settings\.server\.prot".*no such option/,
    ],
    [
      'a center without villages',
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { center: { ...demo.center, villages: [] } }),
      /centers\/bad\.json.*"center\.villages"/,
    ],
    [
      'a criteria set that is not JSON',
      {},
      () => configWith('criteria/broken.json', '{ nope'),
      /criteria\/broken\.json.*not valid JSON/,
    ],
    [
      'a criteria set with an indicator of another criterion',
      {},
      () => configWith('criteria/cdht-x.json', { bad: true }),
      /criteria\/cdht-x\.json/,
    ],
    [
      'a chosen criteria set that is not installed',
      { KIOSK_CDHT_CRITERIA_SET: 'cdht-1999@1' },
      () => configDir,
      /"cdht\.criteriaSet".*cdht-1999@1/,
    ],
    [
      'a target above 100 %',
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { ...demo, targets: { commune: { cdht: { 2026: 1.5 } } } }),
      /centers\/bad\.json.*"targets\.commune\.cdht\.2026"/,
    ],
    [
      'a target for an unknown measure',
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { ...demo, targets: { province: { families: { 2025: 0.7 } } } }),
      /centers\/bad\.json.*"targets\.province/,
    ],
    [
      'a deadline that is not a month and day',
      { KIOSK_CENTER_DEADLINE: '30/11' },
      () => configDir,
      /"calendar\.centerDeadline".*MM-DD/,
    ],
    [
      'a question bank whose answer is not among its options',
      {},
      () => configWith('digital/digital-2025.json', brokenBank()),
      /digital\/digital-2025\.json.*DS/,
    ],
    [
      'a chosen question bank that is not installed',
      { KIOSK_DIGITAL_BANK: 'digital-1999@1' },
      () => configDir,
      /"digital\.bank".*digital-1999@1/,
    ],
    [
      'national targets that are not JSON',
      {},
      () => configWith('targets/national.json', '{ nope'),
      /targets\/national\.json.*not valid JSON/,
    ],
    // Issue 21: the shared text rule (shared/schemas/text.ts) holds in the configuration too.
    [
      "a NUL in the center's name",
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { center: { ...demo.center, name: 'TT\u0000 Tân Lập' } }),
      /centers\/bad\.json.*"center\.name".*text\.invalid-characters/,
    ],
    [
      "a right-to-left override in the center's name",
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { center: { ...demo.center, name: 'TT \u202ETân Lập' } }),
      /centers\/bad\.json.*"center\.name".*text\.invalid-characters/,
    ],
    [
      "a right-to-left override in a village's name",
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { center: { ...demo.center, villages: ['Thôn A', 'Thôn \u202EB'] } }),
      /centers\/bad\.json.*"center\.villages\.1".*text\.invalid-characters/,
    ],
    [
      "a line break in the commune's name",
      { KIOSK_CENTER: 'bad' },
      () => configWith('centers/bad.json', { center: { ...demo.center, commune: 'Xã\nTân Lập' } }),
      /centers\/bad\.json.*"center\.commune".*text\.invalid-characters/,
    ],
    [
      "a bidi isolate in a criteria set's wording",
      {},
      () => configWith('criteria/cdht-2022.json', withHiddenWording()),
      /criteria\/cdht-2022\.json.*text\.invalid-characters/,
    ],
  ])('stops with a message naming the file and key for %s', (_name, env, dir, message) => {
    expect(() => loadConfig({ configDir: dir(), env })).toThrow(ConfigError);
    expect(() => loadConfig({ configDir: dir(), env })).toThrow(message);
  });
});
