import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import type { BatchSummary, GraduatePreview, IdentifyRequest } from '@gradphoto/contracts/journey';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { FlowShell } from '../../../components/student/FlowShell.js';
import { createCollection, listCollections } from '../api/collections.js';
import { FindBatchStep } from '../components/FindBatchStep.js';
import { IdentifyStep } from '../components/IdentifyStep.js';
import { GraduateFormStep } from '../components/GraduateFormStep.js';
import { ConfirmStep, type Identity } from '../components/ConfirmStep.js';
import { AddSteps } from '../components/AddSteps.js';
import '../components/collections.css';

type Step = 'find' | 'identify' | 'form' | 'confirm';

interface Found {
  idLast4: string;
  batches: BatchSummary[];
  batch: BatchSummary;
}

/** The last 4 characters of the account's (masked) ID number, to prefill step 1. */
const last4Of = (masked: string) => (/[\dX]{4}$/i.exec(masked)?.[0] ?? '').toUpperCase();

/** 添加学历: find the batch → identify the graduate → (form) → confirm and add. */
export function AddCollectionPage({ student }: { student: StudentProfile }) {
  const { t, errorText } = useLang('collections');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step>('find');
  const [found, setFound] = useState<Found | null>(null);
  const [identified, setIdentified] = useState<{
    request: IdentifyRequest;
    graduate: GraduatePreview;
  } | null>(null);
  /** A blank invitation being completed by the form. */
  const [blankCode, setBlankCode] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(false);

  const onIdentified = useCallback(
    (request: IdentifyRequest, graduate: GraduatePreview) => {
      setError(null);
      if (graduate.needsForm && request.method === 'code') {
        setBlankCode(request.code);
        Toast.show({ content: t('identify.blankCode'), duration: 2500 });
        setStep('form');
        return;
      }
      setIdentified({ request, graduate });
      setStep('confirm');
      window.scrollTo(0, 0);
    },
    [t],
  );

  const confirm = async (identity: Identity) => {
    if (!identified || pending.current) return;
    pending.current = true;
    setBusy(true);
    setError(null);
    try {
      const { id } = await createCollection({ ...identified.request, identity });
      await qc.invalidateQueries({ queryKey: ['collections'] });
      Toast.show({ icon: 'success', content: t('confirm.added') });
      void navigate(`/collections/${id}/photo`, { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'ALREADY_ADDED') {
        const existing = await listCollections()
          .then((r) =>
            r.items.find(
              (c) =>
                c.batch.id === identified.request.batchId &&
                c.graduate.idNumberMasked === identified.graduate.idNumberMasked,
            ),
          )
          .catch(() => undefined);
        if (existing) {
          Toast.show({ content: errorText(e), duration: 2500 });
          void navigate(`/collections/${existing.id}`, { replace: true });
          return;
        }
      }
      setError(errorText(e));
    } finally {
      pending.current = false;
      setBusy(false);
    }
  };

  const back = () => {
    setError(null);
    if (step === 'confirm') setStep(identified?.request.method === 'form' || blankCode ? 'form' : 'identify');
    else if (step === 'form') setStep('identify');
    else if (step === 'identify') setStep('find');
    else void navigate('/');
  };

  const stepIndex = { find: 0, identify: 1, form: 1, confirm: 2 }[step];

  return (
    <FlowShell title={t('title')} onBack={back}>
      <AddSteps current={stepIndex} />
      {step === 'find' && (
        <FindBatchStep
          initialLast4={last4Of(student.idNumberMasked)}
          onFound={(r) => {
            setFound({ idLast4: r.idLast4, batches: r.batches, batch: r.batches[0]! });
            setBlankCode(undefined);
            setStep('identify');
          }}
        />
      )}
      {step === 'identify' && found && (
        <IdentifyStep
          batches={found.batches}
          batch={found.batch}
          idLast4={found.idLast4}
          onPickBatch={(b) => setFound({ ...found, batch: b })}
          onIdentified={onIdentified}
          onForm={() => {
            setBlankCode(undefined);
            setStep('form');
          }}
        />
      )}
      {step === 'form' && found && (
        <GraduateFormStep
          batch={found.batch}
          idLast4={found.idLast4}
          student={student}
          code={blankCode}
          initial={
            identified?.request.method !== 'roster' && identified?.request.form
              ? identified.request.form
              : undefined
          }
          onIdentified={onIdentified}
        />
      )}
      {step === 'confirm' && identified && (
        <ConfirmStep
          graduate={identified.graduate}
          busy={busy}
          error={error}
          onEdit={identified.request.method === 'form' || blankCode ? () => setStep('form') : undefined}
          onConfirm={(identity) => void confirm(identity)}
        />
      )}
    </FlowShell>
  );
}
