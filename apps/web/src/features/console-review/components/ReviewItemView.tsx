import { Card, Col, Descriptions, Empty, Image, Row, Tag, Typography } from 'antd';
import type { ReviewItem } from '@gradphoto/contracts/console-reviews';
import { useLang } from '../../../lib/i18n.js';
import { ReviewChecks } from './ReviewChecks.js';

const VERDICT_COLOR = { pass: 'green', warn: 'orange', reject: 'red', error: 'red' } as const;

/** Original beside the result (click to zoom; a placeholder once the retention period deleted it), who it is, the engine's verdicts, earlier photos. */
export function ReviewItemView({ item }: { item: ReviewItem }) {
  const { t } = useLang('console-review');
  const s = item.submission;
  const g = item.graduate;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card
          size="small"
          title={t('item.photos')}
          extra={
            s.verdict && (
              <Tag color={VERDICT_COLOR[s.verdict]} data-testid="review-verdict">
                {t(`verdict.${s.verdict}`)}
              </Tag>
            )
          }
        >
          <Image.PreviewGroup>
            <div
              style={{
                display: 'flex',
                gap: 24,
                alignItems: 'flex-start',
                flexWrap: 'wrap',
                justifyContent: 'center',
              }}
            >
              <figure style={{ margin: 0 }}>
                {s.originalUrl ? (
                  <Image
                    src={s.originalUrl}
                    height={420}
                    style={{ objectFit: 'contain', background: '#f3f4f6', maxWidth: 560 }}
                    alt={t('item.original')}
                    data-testid="review-original"
                  />
                ) : (
                  <div
                    style={{
                      width: 315,
                      height: 420,
                      display: 'flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      background: '#f9fafb',
                      border: '1px dashed #d1d5db',
                    }}
                    data-testid="review-original-deleted"
                  >
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.originalDeleted')} />
                  </div>
                )}
                <figcaption style={{ textAlign: 'center', color: '#6b7280', fontSize: 12 }}>
                  {t('item.original')}
                </figcaption>
              </figure>
              <figure style={{ margin: 0 }}>
                {s.resultUrl ? (
                  <Image
                    src={s.resultUrl}
                    width={315}
                    height={420}
                    alt={t('item.result')}
                    data-testid="review-result"
                  />
                ) : (
                  <Empty description={t('item.noResult')} />
                )}
                <figcaption style={{ textAlign: 'center', color: '#6b7280', fontSize: 12 }}>
                  {t('item.result')} ·{' '}
                  <span
                    style={{
                      display: 'inline-block',
                      width: 10,
                      height: 10,
                      background: g.background,
                      borderRadius: 2,
                      verticalAlign: 'middle',
                    }}
                  />{' '}
                  {g.background} · {g.specId}
                </figcaption>
              </figure>
            </div>
          </Image.PreviewGroup>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('item.who')}>
          <Descriptions size="small" column={1} data-testid="review-graduate">
            <Descriptions.Item label={t('item.name')}>{g.name}</Descriptions.Item>
            <Descriptions.Item label={t('item.studentNumber')}>{g.studentNumber}</Descriptions.Item>
            <Descriptions.Item label={t('item.idNumber')}>{g.idNumberMasked}</Descriptions.Item>
            <Descriptions.Item label={t('item.school')}>{g.schoolName}</Descriptions.Item>
            <Descriptions.Item label={t('item.batch')}>{g.batchName}</Descriptions.Item>
            <Descriptions.Item label={t('item.study')}>
              {[g.department, g.major, g.educationLevel].filter(Boolean).join(' · ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('item.source')}>{t(`source.${s.source}`)}</Descriptions.Item>
          </Descriptions>
          {item.previous.length > 0 && (
            <>
              <Typography.Text strong>{t('item.previous', { n: item.previous.length })}</Typography.Text>
              <ul style={{ paddingLeft: 18, margin: '6px 0 0' }}>
                {item.previous.map((p) => (
                  <li key={p.id}>
                    <Tag>{t(`status.${p.status}`)}</Tag>
                    {p.rejectReason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('item.checks')}>
          <ReviewChecks checks={s.checks} />
        </Card>
      </Col>
    </Row>
  );
}
