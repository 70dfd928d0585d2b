import { describe, expect, it } from 'vitest';
import { PhotoError } from './errors.js';
import {
  BACKGROUND_PRESETS,
  XUEXIN_PROPORTIONS,
  findSpec,
  geometryFromProportions,
  getSpec,
  listSpecs,
  normalizeHexColor,
  parseHexColor,
  parseSpec,
  registerSpec,
  resolveBackground,
} from './specs.js';

describe('built-in specs', () => {
  it('has the sizes of the issue', () => {
    const sizes = Object.fromEntries(listSpecs().map((s) => [s.id, [s.width, s.height]]));
    expect(sizes).toMatchObject({ xuexin: [480, 640], one_inch: [295, 413], two_inch: [413, 579], small_two_inch: [413, 531] });
    for (const s of listSpecs()) expect(s.dpi).toBe(300);
  });

  it('gives xuexin the standard geometry, background presets, size range and quality floor', () => {
    const s = getSpec('xuexin');
    expect(s.geometry).toEqual({ headTop: [50, 110], eyeLine: [200, 300], faceWidth: [180, 300] });
    expect(s.defaultBackground).toBe('#28BEFA');
    expect(s.backgrounds).toEqual(['#28BEFA', '#64C5FF', '#FFFFFF', '#F0F0F0']);
    expect(s.minBytes).toBeGreaterThanOrEqual(30 * 1000);
    expect(s.minBytes).toBeLessThanOrEqual(30 * 1024);
    expect(s.maxBytes).toBeGreaterThan(s.minBytes);
    expect(s.minQuality).toBeGreaterThanOrEqual(60);
  });

  it('carries the head proportions over to the print sizes', () => {
    for (const id of ['one_inch', 'two_inch', 'small_two_inch']) {
      const s = getSpec(id);
      expect(s.geometry.headTop[0] / s.height).toBeCloseTo(50 / 640, 3);
      expect(s.geometry.eyeLine[1] / s.height).toBeCloseTo(300 / 640, 3);
      expect(s.geometry.faceWidth[0] / s.width).toBeCloseTo(180 / 480, 3);
      expect(s.backgrounds[0]).toBe(s.defaultBackground);
    }
    expect(getSpec('one_inch').geometry).toEqual({ headTop: [32.3, 71], eyeLine: [129.1, 193.6], faceWidth: [110.6, 184.4] });
    expect(getSpec('one_inch').printMm).toEqual({ width: 25, height: 35 });
  });

  it('throws SPEC_UNKNOWN for an unknown id', () => {
    expect(() => getSpec('passport')).toThrow(PhotoError);
    try {
      getSpec('passport');
    } catch (e) {
      expect((e as PhotoError).code).toBe('SPEC_UNKNOWN');
      expect((e as PhotoError).message_en).toContain('passport');
    }
  });

  it('offers the four xuexin colours among the presets', () => {
    const hexes = BACKGROUND_PRESETS.map((p) => p.hex);
    for (const c of ['#28BEFA', '#64C5FF', '#FFFFFF', '#F0F0F0']) expect(hexes).toContain(c);
  });
});

describe('colours', () => {
  it('parses #RRGGBB, #RGB and bare hex', () => {
    expect(parseHexColor('#28BEFA')).toEqual({ r: 40, g: 190, b: 250 });
    expect(parseHexColor('64c5ff')).toEqual({ r: 100, g: 197, b: 255 });
    expect(parseHexColor('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseHexColor('blue')).toBeNull();
    expect(parseHexColor('#12345')).toBeNull();
    expect(normalizeHexColor('f0f0f0')).toBe('#F0F0F0');
    expect(() => normalizeHexColor('red')).toThrow(PhotoError);
  });
});

describe('names people type', () => {
  it('finds a spec by its id or its Chinese or English name', () => {
    expect(findSpec('1寸')?.id).toBe('one_inch');
    expect(findSpec('小2寸')?.id).toBe('small_two_inch');
    expect(findSpec('2-inch')?.id).toBe('two_inch');
    expect(findSpec(' XUEXIN ')?.id).toBe('xuexin');
    expect(findSpec('small two inch')?.id).toBe('small_two_inch');
    expect(findSpec('3寸')).toBeNull();
    expect(findSpec('')).toBeNull();
  });

  it('takes a background as hex or as a preset id or name', () => {
    expect(resolveBackground('white')).toBe('#FFFFFF');
    expect(resolveBackground('白色')).toBe('#FFFFFF');
    expect(resolveBackground('light blue')).toBe('#64C5FF');
    expect(resolveBackground('证件红')).toBe('#D9001B');
    expect(resolveBackground('#fff')).toBe('#FFFFFF');
    expect(resolveBackground('28befa')).toBe('#28BEFA');
    expect(resolveBackground('red')).toBeNull();
  });
});

describe('specs from JSON', () => {
  it('fills defaults and derives geometry from the xuexin proportions', () => {
    const s = parseSpec({ id: 'visa_cn', name: { zh: '签证', en: 'Visa' }, width: 354, height: 472, defaultBackground: 'ffffff' });
    expect(s).toMatchObject({ dpi: 300, defaultBackground: '#FFFFFF', backgrounds: ['#FFFFFF'], minBytes: 0, minQuality: 60 });
    expect(s.geometry).toEqual(geometryFromProportions(354, 472, XUEXIN_PROPORTIONS));
  });

  it('accepts explicit pixel geometry or proportions', () => {
    const px = parseSpec({ id: 'a', name: { zh: 'a', en: 'a' }, width: 400, height: 500, geometry: { headTop: [30, 60], eyeLine: [150, 220], faceWidth: [150, 250] } });
    expect(px.geometry.eyeLine).toEqual([150, 220]);
    const pr = parseSpec({ id: 'b', name: { zh: 'b', en: 'b' }, width: 400, height: 500, proportions: { headTop: [0.1, 0.2], eyeLine: [0.3, 0.5], faceWidth: [0.4, 0.6] } });
    expect(pr.geometry).toEqual({ headTop: [50, 100], eyeLine: [150, 250], faceWidth: [160, 240] });
  });

  it('reports every problem of an invalid spec', () => {
    try {
      parseSpec({ id: 'Bad Id', width: 10, height: 500, minBytes: 900, maxBytes: 100, defaultBackground: 'blue', extra: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PhotoError);
      const err = e as PhotoError;
      expect(err.code).toBe('SPEC_INVALID');
      for (const field of ['id', 'name', 'width', 'defaultBackground']) expect(err.message_en).toContain(field);
    }
    expect(() => parseSpec({ id: 'c', name: { zh: 'c', en: 'c' }, width: 400, height: 500, minBytes: 900, maxBytes: 100 })).toThrow(/minBytes/);
    expect(() =>
      parseSpec({ id: 'd', name: { zh: 'd', en: 'd' }, width: 400, height: 500, geometry: { headTop: [100, 300], eyeLine: [200, 250], faceWidth: [150, 250] } }),
    ).toThrow(/eye line/);
  });

  it('registers a spec so that getSpec finds it, but never replaces a built-in one', () => {
    registerSpec({ id: 'exam_cn', name: { zh: '考试报名', en: 'Exam registration' }, width: 390, height: 567, minBytes: 20 * 1024, maxBytes: 200 * 1024 });
    expect(getSpec('exam_cn').width).toBe(390);
    expect(listSpecs().map((s) => s.id)).toContain('exam_cn');
    expect(() => registerSpec({ id: 'xuexin', name: { zh: 'x', en: 'x' }, width: 480, height: 640 })).toThrow(/built-in/);
  });
});
