import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPaddleIdCardOcr } from './ocr-paddle.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-fixtures/id-card');
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file));

describe('createPaddleIdCardOcr', () => {
  it('loads its models from node_modules and reads concurrent uploads correctly with the network blocked', async () => {
    const attempts: string[] = [];
    const proto = net.Socket.prototype as unknown as { connect: (...a: unknown[]) => unknown };
    const connect = proto.connect;
    const fetch = globalThis.fetch;
    proto.connect = (...a: unknown[]) => {
      attempts.push(JSON.stringify(a[0]));
      throw new Error('network access attempted');
    };
    globalThis.fetch = (input) => {
      attempts.push(String(input as string));
      return Promise.reject(new Error('fetch attempted'));
    };
    try {
      const ocr = createPaddleIdCardOcr({ today: () => new Date('2025-06-01') });
      // the 8 MP photo exercises the downscaling; both run through the one-at-a-time queue
      const [big, small] = await Promise.all([ocr.read(fixture('wang-mild.jpg')), ocr.read(fixture('lin-small.jpg'))]);
      expect(big).toMatchObject({ idNumber: '330106200403070131', name: '王晓明' });
      expect(small).toMatchObject({ idNumber: '510107200409150140', name: '林雨桐' });
    } finally {
      proto.connect = connect;
      globalThis.fetch = fetch;
    }
    expect(attempts).toEqual([]);
  });
});
