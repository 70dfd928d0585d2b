import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { CheckView } from '@gradphoto/contracts/journey';
import { collections, graduates, orderHistory, orders, payments, students, submissions } from '../../db/schema.js';
import { makeIdNumber, type TestContext } from '../../test/harness.js';
import type { SubmissionStatus } from '../submissions/submissions.repo.js';
import type { OrderStatus } from '../orders/orders.repo.js';

/** Test data for the console modules (not a test file): graduates with photos and orders, straight in the database. */

let jpeg: Promise<Buffer> | undefined;
/** A small real JPEG (480×640, a flat blue with a darker "figure"), made once. */
export function sampleJpeg(): Promise<Buffer> {
  jpeg ??= sharp({ create: { width: 480, height: 640, channels: 3, background: '#28BEFA' } })
    .composite([{ input: { create: { width: 240, height: 400, channels: 3, background: '#553322' } }, left: 120, top: 240 }])
    .jpeg({ quality: 80 })
    .toBuffer();
  return jpeg;
}

const greenChecks: CheckView[] = [
  { code: 'face_found', severity: 'reject', passed: true, value: 1, threshold: 1, message: { zh: '检测到人脸', en: 'Face found' } },
  { code: 'head_top', severity: 'reject', passed: true, value: 80, threshold: '50–110', message: { zh: '头顶位置', en: 'Head top' } },
];
const warnChecks: CheckView[] = [...greenChecks, { code: 'sharpness', severity: 'warn', passed: false, value: 0.2, threshold: 0.3, message: { zh: '略模糊', en: 'Slightly blurred' } }];

let seq = 0;
const BASE = Date.now() - 3_600_000;
export interface SeededGraduate {
  studentId: string;
  graduateId: string;
  collectionId: string;
  submissionId: string | null;
  orderId: string | null;
  orderNo: string | null;
  idNumber: string;
  name: string;
  phone: string;
  studentNumber: string;
}

export interface SeedOptions {
  submission?: { status: SubmissionStatus; verdict?: 'pass' | 'warn'; submittedAt?: Date } | null;
  order?: { kind?: 'collection' | 'prints' | 'reprint'; withPrints?: boolean; layout?: 1 | 2; copies?: number; status?: OrderStatus; amountCents?: number; refundRequested?: string } | null;
  name?: string;
  studentNumber?: string;
}

/** One student with a collection in the batch, optionally a submission (files stored) and an order (with its payment row). */
export async function seedGraduate(t: TestContext, batchId: string, opts: SeedOptions = {}): Promise<SeededGraduate> {
  const my = ++seq;
  const n = String(my).padStart(5, '0');
  const { db } = t.container.database;
  const idc = t.container.idCrypto;
  const idNumber = makeIdNumber(`1101051998${String(1 + (my % 12)).padStart(2, '0')}15${String(my % 1000).padStart(3, '0')}`);
  const phone = `1580000${String(my).padStart(4, '0')}`;
  const name = opts.name ?? `考生${n}`;
  const studentNumber = opts.studentNumber ?? `S${n}`;
  const [student] = await db
    .insert(students)
    .values({ idType: 'id_card', idNumberEnc: idc.encrypt(idNumber), idNumberHash: idc.lookupHash(idNumber), idLast4: idNumber.slice(-4), name, gender: 'female', phone, email: `c${n}-${randomUUID().slice(0, 6)}@example.com`, passwordHash: 'x' })
    .returning();
  const [graduate] = await db
    .insert(graduates)
    .values({ batchId, source: 'form', name, studentNumber, idNumberEnc: idc.encrypt(idNumber), idNumberHash: idc.lookupHash(idNumber), idLast4: idNumber.slice(-4), department: '计算机学院', major: '软件工程', educationLevel: '本科' })
    .returning();
  const [collection] = await db.insert(collections).values({ studentId: student!.id, batchId, graduateId: graduate!.id, identity: 'graduate' }).returning();
  let submissionId: string | null = null;
  if (opts.submission !== null) {
    const sub = opts.submission ?? { status: 'pending_review' as const, verdict: 'pass' as const };
    const id = randomUUID();
    const originalKey = `originals/${collection!.id}/${id}`;
    const resultKey = `results/${collection!.id}/${id}.jpg`;
    const bytes = await sampleJpeg();
    await t.container.storage.put(originalKey, bytes);
    await t.container.storage.put(resultKey, bytes);
    const verdict = sub.verdict ?? 'pass';
    await db.insert(submissions).values({
      id,
      collectionId: collection!.id,
      status: sub.status,
      source: 'camera',
      originalKey,
      resultKey,
      verdict,
      report: { checks: verdict === 'pass' ? greenChecks : warnChecks },
      submittedAt: sub.submittedAt ?? new Date(BASE + my * 1000),
    });
    submissionId = id;
  }
  let orderId: string | null = null;
  let orderNo: string | null = null;
  if (opts.order) {
    const o = opts.order;
    const status = o.status ?? 'paid';
    const amountCents = o.amountCents ?? (o.withPrints ? 3500 : 2000);
    orderNo = `2026060112000${String(my).padStart(7, '0')}`;
    const paid = status !== 'pending_payment' && status !== 'closed';
    const [row] = await db
      .insert(orders)
      .values({
        orderNo,
        studentId: student!.id,
        collectionId: collection!.id,
        kind: o.kind ?? 'collection',
        withPrints: o.withPrints ?? false,
        layout: o.withPrints ? (o.layout ?? 1) : null,
        copies: o.copies ?? 1,
        shippingAddress: o.withPrints ? { recipient: name, phone, regionText: '浙江省 杭州市 西湖区', street: `文三路 ${my} 号` } : null,
        amountCents,
        status,
        paidAt: paid ? new Date() : null,
        refundRequestedAt: o.refundRequested ? new Date() : null,
        refundRequestReason: o.refundRequested ?? null,
      })
      .returning();
    orderId = row!.id;
    await db.insert(orderHistory).values({ orderId: row!.id, toStatus: status, actorType: 'system', note: 'seeded' });
    if (paid) await db.insert(payments).values({ orderId: row!.id, provider: 'sandbox', transactionId: `T${n}${randomUUID().slice(0, 8)}`, amountCents, status: 'succeeded' });
  }
  return { studentId: student!.id, graduateId: graduate!.id, collectionId: collection!.id, submissionId, orderId, orderNo, idNumber, name, phone, studentNumber };
}
