import type {
  CollectionView,
  CreateCollectionRequest,
  FindBatchRequest,
  GraduatePreview,
  IdentifyRequest,
  BatchSummary,
} from '@gradphoto/contracts/journey';
import { api } from '../../../lib/api-client.js';

export function findBatches(body: FindBatchRequest) {
  return api.post<{ batches: BatchSummary[] }>('/api/collections/find-batch', body);
}

export function identify(body: IdentifyRequest) {
  return api.post<{ graduate: GraduatePreview }>('/api/collections/identify', body);
}

export function createCollection(body: CreateCollectionRequest) {
  return api.post<{ id: string }>('/api/collections', body);
}

export function listCollections() {
  return api.get<{ items: CollectionView[] }>('/api/collections');
}
