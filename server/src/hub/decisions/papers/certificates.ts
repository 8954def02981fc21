/**
 * The certificates (giấy công nhận) of a recorded decision (issue 25): one for each person,
 * household, clan, village or unit it recognizes, whatever their public-list consent (the paper is
 * handed to them), each with a QR code whose link opens the verify page with a payload signed by the
 * hub's document key. The payload carries the name, the year, the title and the decision's number and
 * date, nothing more; the paper itself also prints the birth year and the place, as the list does.
 */
import { AppError } from '../../../../../shared/errors.ts';
import type { CertificateClaims } from '../../../../../shared/schemas/certificate.ts';
import type { DecisionTitle } from '../../../../../shared/schemas/decision.ts';
import { signCertificate } from '../../../certificates/certificate-token.ts';
import { ensureOwnKey } from '../../../certificates/document-key.ts';
import { fmtDate } from '../../report/report.words.ts';
import * as repo from '../decisions.repository.ts';
import { TITLE_WORDS } from './decision-paper.ts';
import { recordedPaper, type PaperDeps } from './decision-paper.service.ts';

export interface Certificate {
  claims: CertificateClaims;
  /** "Năm sinh: 1970", "Nơi cư trú: Thôn Đồng Chằm": printed under the name, not in the QR code. */
  details: string[];
  /** What the QR code holds: the verify page with the signed payload. */
  verifyUrl: string;
}

export interface CertificateBatch {
  /** "ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP". */
  agency: [string, string];
  /** "ỦY BAN NHÂN DÂN XÃ TÂN LẬP", above "CÔNG NHẬN". */
  issuerUpper: string;
  /** "Đạt danh hiệu “Công dân học tập” năm 2026". */
  achievement: string;
  /** "(Quyết định số 15/QĐ-UBND ngày 01/12/2026 của Ủy ban nhân dân xã Tân Lập)". */
  decisionLine: string;
  placeAndDate: string;
  signerLines: [string, string];
  signerName: string;
  number: string;
  certificates: Certificate[];
}

/** The verify page's link for a token, under `base` (this hub as the public reaches it). */
export const verifyUrl = (base: string, token: string): string => `${base.replace(/\/+$/, '')}/api/xac-minh?c=${token}`;

/**
 * The certificates of recorded decision `id`, signed now; refused for a decision that does not
 * exist (`decision.not-found`) or was withdrawn (`decision.already-revoked`).
 */
export async function decisionCertificates(deps: PaperDeps, id: string, base: string): Promise<CertificateBatch> {
  const row = await repo.findDecision(deps.db, id);
  if (!row) throw new AppError('decision.not-found');
  if (row.revoked_reason !== null) throw new AppError('decision.already-revoked');
  const paper = await recordedPaper(deps, id);
  const key = await ensureOwnKey(deps.db, deps.now().toISOString());
  const title = row.title as DecisionTitle;
  const titleName = TITLE_WORDS[title].name;
  return {
    agency: paper.agency,
    issuerUpper: paper.issuer.toLocaleUpperCase('vi'),
    achievement: `Đạt danh hiệu “${titleName}” năm ${row.year}`,
    decisionLine: `(Quyết định số ${row.number} ngày ${fmtDate(row.signed_on)} của ${paper.issuer})`,
    placeAndDate: paper.placeAndDate,
    signerLines: paper.signerLines,
    signerName: paper.signerName,
    number: row.number,
    certificates: paper.annex.rows.map((r) => {
      const claims: CertificateClaims = {
        title,
        year: row.year,
        name: r.name,
        number: row.number,
        signedOn: row.signed_on,
      };
      const details =
        title === 'cdht'
          ? [r.birthYear === null ? '' : `Năm sinh: ${r.birthYear}`, r.place ? `Nơi cư trú: ${r.place}` : '']
          : [r.place ? `Địa bàn: ${r.place}` : ''];
      return {
        claims,
        details: details.filter((d) => d.length > 0),
        verifyUrl: verifyUrl(base, signCertificate(claims, key.kid, key.privateKey)),
      };
    }),
  };
}
