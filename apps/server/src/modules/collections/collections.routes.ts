import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CollectionView, CreateCollectionRequest, FindBatchRequest, FindBatchResponse, IdentifyRequest, IdentifyResponse } from '@gradphoto/contracts/journey';
import { requireStudent } from '../../http/auth-context.js';
import type { HomeService } from '../home/home.service.js';
import type { CollectionsService } from './collections.service.js';

export const collectionsRoutes: FastifyPluginAsyncZod<{ collections: CollectionsService; home: HomeService }> = async (app, { collections, home }) => {
  const tags = ['collections'];
  app.post('/api/collections/find-batch', { schema: { tags, body: FindBatchRequest, response: { 200: FindBatchResponse } } }, (request) => {
    requireStudent(request);
    return collections.findBatches(request.body);
  });
  app.post('/api/collections/identify', { schema: { tags, body: IdentifyRequest, response: { 200: IdentifyResponse } } }, (request) =>
    collections.identify(requireStudent(request), request.body),
  );
  app.post('/api/collections', { schema: { tags, body: CreateCollectionRequest, response: { 200: z.object({ id: z.string() }) } } }, async (request) => ({
    id: (await collections.create(requireStudent(request), request.body)).id,
  }));
  app.get('/api/collections', { schema: { tags, response: { 200: z.object({ items: z.array(CollectionView) }) } } }, async (request) => ({
    items: await home.collections(requireStudent(request)),
  }));
  app.get('/api/collections/:id', { schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: CollectionView } } }, (request) =>
    home.collection(requireStudent(request), request.params.id),
  );
};
