import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OcrIdCardResponse } from '@gradphoto/contracts/accounts';
import { readUpload } from '../../http/upload.js';
import type { OcrService } from './ocr.service.js';

export const ocrRoutes: FastifyPluginAsyncZod<{ ocr: OcrService }> = async (app, { ocr }) => {
  app.post(
    '/api/ocr/id-card',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Read the ID number and name from a photo of the ID card front (multipart field "image")',
        consumes: ['multipart/form-data'],
        response: { 200: OcrIdCardResponse },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request) => ocr.readIdCard((await readUpload(request)).bytes),
  );
};
