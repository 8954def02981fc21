/** A join code as a QR code (SVG) for the officer's screen; qrcode is loaded on first use, not with the server. */
export const joinQrSvg = async (joinCode: string): Promise<string> =>
  (await import('qrcode')).default.toString(joinCode, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
