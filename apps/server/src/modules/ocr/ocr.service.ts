import type { OcrIdCardResponse } from '@gradphoto/contracts/accounts';
import { ErrorCodes } from '@gradphoto/contracts/errors';
import { normalizeIdNumber, validateIdNumber } from '@gradphoto/contracts/id-number';
import type { IdCardOcr } from '../../adapters/ocr-id-card.js';
import { bilingual as m, errors } from '../../errors.js';

/**
 * Reads the ID number and name from a photo of the ID card's front. The result is only a suggestion for the
 * registration form: the student confirms it, and `idNumberValid` says whether the number passes GB 11643.
 */
export function createOcrService(deps: { ocr: IdCardOcr; today?: () => Date }) {
  const today = deps.today ?? (() => new Date());
  return {
    async readIdCard(image: Buffer): Promise<OcrIdCardResponse> {
      const result = await deps.ocr.read(image);
      const idNumber = result.idNumber ? normalizeIdNumber(result.idNumber) : null;
      const name = result.name?.trim() || null;
      if (!idNumber && !name) {
        throw errors.validation(
          ErrorCodes.OCR_FAILED,
          m(
            '没有从照片中识别出身份证信息。请把身份证人像面放平、拍清楚后重试，或直接手动填写。',
            "Nothing could be read from this photo. Lay the card's front flat, take a sharp photo and try again, or type the number in.",
          ),
        );
      }
      return {
        idNumber,
        idNumberValid: idNumber !== null && validateIdNumber(idNumber, today()) === null,
        name,
        confidence: result.confidence,
      };
    },
  };
}
export type OcrService = ReturnType<typeof createOcrService>;
