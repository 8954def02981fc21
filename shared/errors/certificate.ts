import type { ErrorEntry } from './entry.ts';

/** Certificates (giấy công nhận, issue 25) checked from their QR code on the verify page. */
export const certificateErrors = {
  'certificate.malformed': {
    status: 400,
    message: () => 'This is not the link of a certificate, or it was cut short: scan the QR code again.',
  },
  'certificate.unknown-key': {
    status: 422,
    message: () => 'Not genuine: the certificate is not signed with the key of this hub or of the hub above this box.',
  },
  'certificate.signature-invalid': {
    status: 422,
    message: () =>
      'Not genuine: the signature does not match what the certificate says (its name, year, title or signature was changed).',
  },
  'certificate.withdrawn': {
    status: 410,
    message: () =>
      'The certificate was printed by the commune, but the commune has since withdrawn the decision it names: it no longer certifies the title.',
  },
  'certificate.no-key': {
    status: 409,
    message: () =>
      "This box has not received its hub's document key yet (not enrolled, or not synced since): it cannot check certificates.",
  },
} as const satisfies Record<string, ErrorEntry>;
